using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>A vaccination of the person's record as the calendar counts it: when, and what it covers.</summary>
public sealed record RecordedDose(DateOnly Given, IReadOnlySet<Antigen> Covers);
