namespace MonEspaceSante.Interfaces.Controls;

/// <summary>What the holder decided about access to their space.</summary>
/// <param name="BlockedProfessionals">RPPS numbers of the professionals the holder blocked.</param>
/// <param name="EmergencyAccessAllowed">Whether regulation centres (SAMU) may use emergency access (on by default).</param>
/// <param name="BreakGlassAllowed">Whether a professional may use break-glass access (on by default).</param>
/// <param name="LegalRepresentatives">Number of legal representatives who act for this person while a minor (their INS are not shown).</param>
/// <param name="CareRelationships">The professionals who declared a care relationship, and until when it lets them in.</param>
[GenerateSerializer, Immutable, Alias("mes.SpaceControls")]
public sealed record SpaceControls(
    [property: Id(0)] IReadOnlyList<string> BlockedProfessionals,
    [property: Id(1)] bool EmergencyAccessAllowed,
    [property: Id(2)] bool BreakGlassAllowed,
    [property: Id(3)] int LegalRepresentatives,
    [property: Id(4)] IReadOnlyList<CareRelationship> CareRelationships);

/// <summary>A professional's declared care relationship: the person agreed at <paramref name="DeclaredAt"/>; it holds until <paramref name="Until"/>.</summary>
[GenerateSerializer, Immutable, Alias("mes.CareRelationship")]
public sealed record CareRelationship(
    [property: Id(0)] string Rpps,
    [property: Id(1)] DateTimeOffset DeclaredAt,
    [property: Id(2)] DateTimeOffset Until);
