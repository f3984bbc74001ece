namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// Visibility labels of a document (FHIR <c>securityLabel</c>; written with <see cref="System"/>, read with any system).
/// </summary>
public static class DocumentLabels
{
    /// <summary>The code system written on output.</summary>
    public const string System = "urn:oid:1.2.250.1.213.1.1.4.13";

    /// <summary>Hidden from professionals other than its author, in every access mode (break-glass included).</summary>
    public const string MaskedFromProfessionals = "MASQUE_PS";

    /// <summary>Hidden from the holder, their legal representatives and their apps until a professional reveals it.</summary>
    public const string InvisibleToPatient = "INVISIBLE_PATIENT";

    /// <summary>Hidden from the legal representatives of a minor (confidential care).</summary>
    public const string InvisibleToRepresentatives = "INVISIBLE_REPRESENTANTS_LEGAUX";

    /// <summary>Every label known.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        MaskedFromProfessionals, InvisibleToPatient, InvisibleToRepresentatives,
    };
}
