namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>An opt-out wave as an operator creates it.</summary>
/// <param name="Name">A label for operators ("Pilote Haute-Garonne").</param>
/// <param name="Territory">The territory covered (départements, or "national").</param>
/// <param name="OppositionWindow">How long people may oppose after the notice (6 weeks by regulation).</param>
/// <param name="StartsAt">When notices go out; null: when an operator launches the wave.</param>
[GenerateSerializer, Immutable, Alias("mes.WaveDefinition")]
public sealed record WaveDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string Territory,
    [property: Id(2)] TimeSpan OppositionWindow,
    [property: Id(3)] DateTimeOffset? StartsAt);
