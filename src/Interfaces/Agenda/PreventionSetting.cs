namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>
/// Whether the person wants prevention reminders in their agenda (on by default), and what they refused: whole kinds
/// (every vaccination reminder), or single reminders by code.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.PreventionSetting")]
public sealed record PreventionSetting(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] IReadOnlyList<PreventionCategory>? RefusedKinds = null,
    [property: Id(2)] IReadOnlyList<string>? RefusedReminders = null);
