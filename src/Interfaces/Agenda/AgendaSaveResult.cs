namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>The entry as stored, and whether it is new (false when a resend updated an existing one).</summary>
[GenerateSerializer, Immutable, Alias("mes.AgendaSaveResult")]
public sealed record AgendaSaveResult(
    [property: Id(0)] AgendaEntry Entry,
    [property: Id(1)] bool Created);
