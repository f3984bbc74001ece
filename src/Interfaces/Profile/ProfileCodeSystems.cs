using System.Text.RegularExpressions;

namespace MonEspaceSante.Interfaces.Profile;

/// <summary>
/// The code systems each kind of profile item takes, and the shape of their codes. Anything else is refused with the
/// list of what is known: a code the service cannot read is a code nobody can use later.
/// </summary>
public static partial class ProfileCodeSystems
{
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>ICD-10 as FHIR names it; the French CIM-10 (ATIH) uses the same codes.</summary>
    public const string Icd10 = "http://hl7.org/fhir/sid/icd-10";

    /// <summary>The ANS terminology server's CIM-10.</summary>
    public const string Cim10 = "https://smt.esante.gouv.fr/terminologie-cim-10";

    public const string Loinc = "http://loinc.org";

    /// <summary>WHO ATC: medicines by substance; vaccines are J07.</summary>
    public const string Atc = "http://www.whocc.no/atc";

    /// <summary>
    /// The public medicines database (BDPM), products by CIS code: what the French vaccination record (ANS, FR Document
    /// Core, value set fr-vs-vaccine-code-cis) names vaccines with.
    /// </summary>
    public const string BdpmCis = "https://smt.esante.gouv.fr/terminologie-bdpm";

    /// <summary>CDC's vaccine codes (CVX), for vaccinations recorded abroad or by software that speaks it.</summary>
    public const string Cvx = "http://hl7.org/fhir/sid/cvx";

    private static readonly Dictionary<ProfileKind, string[]> ByKind = new()
    {
        [ProfileKind.Condition] = [Snomed, Icd10, Cim10],
        [ProfileKind.Allergy] = [Snomed, Atc, BdpmCis],
        [ProfileKind.Medication] = [Atc, BdpmCis, Snomed],
        [ProfileKind.Immunization] = [BdpmCis, Atc, Cvx, Snomed],
    };

    [GeneratedRegex("^[0-9]{6,18}$", RegexOptions.CultureInvariant)]
    private static partial Regex SnomedCode();

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.?[0-9A-Z]{1,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Icd10Code();

    [GeneratedRegex("^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AtcCode();

    [GeneratedRegex("^[0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex CisCode();

    [GeneratedRegex("^[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CvxCode();

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex LoincCode();

    /// <summary>The systems <paramref name="kind"/> takes.</summary>
    public static IReadOnlyList<string> For(ProfileKind kind) => ByKind[kind];

    /// <summary>Why <paramref name="code"/> is not a code of <paramref name="system"/> for <paramref name="kind"/>, or null when it is.</summary>
    public static string? Refusal(ProfileKind kind, string? system, string? code)
    {
        if (string.IsNullOrEmpty(system) || !ByKind[kind].Contains(system, StringComparer.Ordinal))
        {
            return $"unknown code system '{system}'; known here: {string.Join(", ", ByKind[kind])}";
        }

        if (string.IsNullOrEmpty(code))
        {
            return "a coding needs its code";
        }

        var shaped = system switch
        {
            Snomed => SnomedCode().IsMatch(code),
            Icd10 or Cim10 => Icd10Code().IsMatch(code),
            Atc => AtcCode().IsMatch(code),
            BdpmCis => CisCode().IsMatch(code),
            Cvx => CvxCode().IsMatch(code),
            Loinc => LoincCode().IsMatch(code),
            _ => false,
        };
        if (!shaped)
        {
            return $"'{code}' is not a code of {system}";
        }

        return kind == ProfileKind.Immunization && system == Atc && !code.StartsWith("J07", StringComparison.Ordinal)
            ? $"ATC code '{code}' is not a vaccine (ATC J07)"
            : null;
    }
}
