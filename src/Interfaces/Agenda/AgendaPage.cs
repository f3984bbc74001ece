namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>
/// A page of agenda entries; <see cref="Next"/> continues it. <see cref="Reminders"/> holds the prevention
/// reminders due within a year, on the first page of the holder's upcoming agenda while they are on.
/// </summary>
/// <param name="Entries">The entries of this page, cancelled ones included (with their status).</param>
/// <param name="Reminders">Prevention reminders, soonest first; empty when off or not asked for.</param>
/// <param name="PreventionEnabled">Whether the person keeps prevention reminders on.</param>
/// <param name="Next">The cursor of the next page, or null on the last one.</param>
[GenerateSerializer, Immutable, Alias("mes.AgendaPage")]
public sealed record AgendaPage(
    [property: Id(0)] IReadOnlyList<AgendaEntry> Entries,
    [property: Id(1)] IReadOnlyList<PreventionReminder> Reminders,
    [property: Id(2)] bool PreventionEnabled,
    [property: Id(3)] string? Next);
