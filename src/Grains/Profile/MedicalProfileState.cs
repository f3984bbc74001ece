using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Profile;

/// <summary>The medical profile facet: its items by id, and the person's declarations.</summary>
[GenerateSerializer, Alias("mes.MedicalProfileState")]
public sealed class MedicalProfileState
{
    /// <summary>Items by id; bounded by <see cref="MedicalProfileFacet.Capacity"/>.</summary>
    [Id(0)] public Dictionary<string, ProfileEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public ProfileDeclarations? Declarations { get; set; }
}
