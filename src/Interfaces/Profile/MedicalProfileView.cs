namespace MonEspaceSante.Interfaces.Profile;

/// <summary>The medical profile as the caller may see it: the items visible to them, and the person's declarations.</summary>
[GenerateSerializer, Immutable, Alias("mes.MedicalProfileView")]
public sealed record MedicalProfileView(
    [property: Id(0)] IReadOnlyList<ProfileEntry> Entries,
    [property: Id(1)] ProfileDeclarations Declarations);
