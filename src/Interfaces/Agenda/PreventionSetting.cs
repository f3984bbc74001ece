namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>Whether the person wants prevention reminders in their agenda (on by default).</summary>
[GenerateSerializer, Immutable, Alias("mes.PreventionSetting")]
public sealed record PreventionSetting([property: Id(0)] bool Enabled);
