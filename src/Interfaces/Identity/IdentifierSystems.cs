namespace MonEspaceSante.Interfaces.Identity;

/// <summary>FHIR identifier systems (OIDs) used for people and professionals.</summary>
public static class IdentifierSystems
{
    /// <summary>INS-NIR, the official national health identifier (use = official).</summary>
    public const string InsNir = "urn:oid:1.2.250.1.213.1.4.8";

    /// <summary>INS-NIA, a temporary identifier awaiting a NIR.</summary>
    public const string InsNia = "urn:oid:1.2.250.1.213.1.4.9";

    /// <summary>Test NIR.</summary>
    public const string InsNirTest = "urn:oid:1.2.250.1.213.1.4.10";

    /// <summary>Demonstration NIR.</summary>
    public const string InsNirDemo = "urn:oid:1.2.250.1.213.1.4.11";

    /// <summary>RPPS number of a health professional.</summary>
    public const string Rpps = "urn:oid:1.2.250.1.71.4.2.1";

    /// <summary>The systems whose values are NIR-shaped and accepted as a patient identity.</summary>
    public static readonly IReadOnlySet<string> PatientSystems =
        new HashSet<string>(StringComparer.Ordinal) { InsNir, InsNia, InsNirTest, InsNirDemo };
}
