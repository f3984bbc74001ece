namespace MonEspaceSante.Interfaces.Profile;

/// <summary>One coding of a profile item: a code in one of <see cref="ProfileCodeSystems"/>, with its label.</summary>
[GenerateSerializer, Immutable, Alias("mes.ProfileCode")]
public sealed record ProfileCode(
    [property: Id(0)] string System,
    [property: Id(1)] string Code,
    [property: Id(2)] string? Display = null);
