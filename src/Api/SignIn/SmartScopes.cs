using System.Text.RegularExpressions;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// SMART App Launch v2 scopes (<c>patient/Observation.c?code=http://loinc.org|2345-7</c>) and the consent scopes of a
/// person's space (<c>measurements.write:glucose</c>), mapped onto each other in one table (docs/security.md):
/// <list type="table">
/// <item><c>patient/Observation.c</c> → <c>measurements.write:&lt;type&gt;</c>, every type, or the type of <c>?code=</c> (a LOINC code)</item>
/// <item><c>patient/Observation.r</c>, <c>.s</c>, <c>.rs</c> → <c>measurements.read:&lt;type&gt;</c>, likewise</item>
/// <item><c>patient/DocumentReference.c</c> → <c>documents.write</c>; <c>.r</c>, <c>.s</c> → <c>documents.read</c></item>
/// <item><c>patient/Appointment.c</c>, <c>.u</c> → <c>agenda.write</c></item>
/// <item><c>patient/Condition.c</c> (AllergyIntolerance, MedicationStatement, Immunization) → <c>profile.write:conditions</c> (allergies, medications, immunizations); <c>.r</c>, <c>.s</c> → <c>profile.read:…</c></item>
/// </list>
/// Scopes are parsed, not compared as strings: the permissions are any of <c>cruds</c> in that order, and a query
/// narrows to one code. Anything else (other resources, <c>user/</c> and <c>system/</c> contexts, unknown codes) maps
/// to nothing and is left out of what is granted.
/// </summary>
public static partial class SmartScopes
{
    /// <summary>The scopes of the sign-in itself, always kept when asked: they grant no access to health data.</summary>
    public static readonly IReadOnlySet<string> SignInScopes = new HashSet<string>(StringComparer.Ordinal)
    {
        "openid", "fhirUser", "profile", "offline_access", "online_access", "launch/patient",
    };

    /// <summary>The SMART scopes this server understands, for <c>scopes_supported</c> (each may be narrowed by <c>?code=</c>).</summary>
    public static readonly IReadOnlyList<string> Advertised =
    [
        "patient/Observation.c", "patient/Observation.rs", "patient/DocumentReference.c", "patient/DocumentReference.rs", "patient/Appointment.cu",
        "patient/Condition.c", "patient/Condition.rs", "patient/AllergyIntolerance.c", "patient/AllergyIntolerance.rs",
        "patient/MedicationStatement.c", "patient/MedicationStatement.rs", "patient/Immunization.c", "patient/Immunization.rs",
    ];

    /// <summary>The medical profile's lists by their FHIR resource type.</summary>
    private static readonly Dictionary<string, ProfileKind> ProfileKinds = Enum.GetValues<ProfileKind>().ToDictionary(ProfileFields.ResourceOf, StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<context>patient|user|system)/(?<resource>[A-Za-z]+|\*)\.(?<permissions>c?r?u?d?s?|\*|read|write)(\?(?<query>.+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The consent scopes <paramref name="smartScope"/> stands for in a patient's space (empty when none).</summary>
    public static IReadOnlyList<string> ToConsentScopes(string smartScope)
    {
        ArgumentNullException.ThrowIfNull(smartScope);
        var match = Pattern().Match(smartScope);
        if (!match.Success || match.Groups["context"].Value != "patient" || match.Groups["permissions"].Value.Length == 0)
        {
            return [];
        }

        var permissions = match.Groups["permissions"].Value switch
        {
            "*" => "cruds",
            "read" => "rs",
            "write" => "cud",
            var letters => letters,
        };
        var reads = permissions.Contains('r', StringComparison.Ordinal) || permissions.Contains('s', StringComparison.Ordinal);
        var writes = permissions.Contains('c', StringComparison.Ordinal);
        var updates = permissions.Contains('u', StringComparison.Ordinal);
        var query = match.Groups["query"].Success ? match.Groups["query"].Value : null;
        return match.Groups["resource"].Value switch
        {
            "Observation" => Measurements(query, reads, writes),
            "DocumentReference" when query is null => [.. When(writes, Scopes.WriteDocuments), .. When(reads, Scopes.ReadDocuments)],
            "Appointment" when query is null => When(writes || updates, Scopes.WriteAgenda),
            var resource when query is null && ProfileKinds.TryGetValue(resource, out var kind) => [.. When(writes, Scopes.WriteProfile(kind)), .. When(reads, Scopes.ReadProfile(kind))],
            _ => [],
        };
    }

    /// <summary>The consent scopes every one of <paramref name="smartScopes"/> stands for, once each, in order.</summary>
    public static IReadOnlyList<string> ToConsentScopes(IEnumerable<string> smartScopes) =>
        smartScopes.SelectMany(ToConsentScopes).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The SMART scope that grants exactly <paramref name="consentScope"/>, for tokens and consent pages.</summary>
    public static string ToSmartScope(string consentScope)
    {
        ArgumentNullException.ThrowIfNull(consentScope);
        return consentScope switch
        {
            Scopes.ReadDocuments => "patient/DocumentReference.rs",
            Scopes.WriteDocuments => "patient/DocumentReference.c",
            Scopes.WriteAgenda => "patient/Appointment.cu",
            _ when ProfileKinds.Values.FirstOrDefault(k => Scopes.ReadProfile(k) == consentScope || Scopes.WriteProfile(k) == consentScope) is var kind
                && consentScope.StartsWith("profile.", StringComparison.Ordinal) =>
                $"patient/{ProfileFields.ResourceOf(kind)}.{(consentScope == Scopes.WriteProfile(kind) ? "c" : "rs")}",
            _ when consentScope.StartsWith("measurements.", StringComparison.Ordinal) && Scopes.TryParseType(consentScope[(consentScope.IndexOf(':', StringComparison.Ordinal) + 1)..], out var type) =>
                $"patient/Observation.{(consentScope.StartsWith("measurements.write:", StringComparison.Ordinal) ? "c" : "rs")}?code={MeasureCatalogue.LoincSystem}|{MeasureCatalogue.For(type).Codes[0].Loinc}",
            _ => throw new ArgumentOutOfRangeException(nameof(consentScope), consentScope, "Not a consent scope."),
        };
    }

    /// <summary>
    /// The SMART scopes of the grant: each one the app asked for whose rights were all granted, as it asked for it (a
    /// client compares the scope it gets with the one it sent), then the rights granted under a scope only partly granted.
    /// </summary>
    public static List<string> Granted(IEnumerable<string> asked, IReadOnlyCollection<string> chosen)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(chosen);
        var granted = new List<string>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in asked)
        {
            var rights = ToConsentScopes(scope);
            if (rights.Count > 0 && rights.All(r => chosen.Contains(r, StringComparer.Ordinal)))
            {
                granted.Add(scope);
                covered.UnionWith(rights);
            }
        }

        granted.AddRange(chosen.Where(c => !covered.Contains(c)).Select(ToSmartScope));
        return granted;
    }

    private static IReadOnlyList<string> Measurements(string? query, bool reads, bool writes)
    {
        IEnumerable<MeasureType> types = Enum.GetValues<MeasureType>();
        if (query is not null)
        {
            // One parameter: code=<system>|<code>, the system being LOINC.
            var parts = query.Split('=', 2);
            var code = parts.Length == 2 && parts[0] == "code" ? parts[1].Split('|', 2) : null;
            if (code is not { Length: 2 } || code[0] != MeasureCatalogue.LoincSystem || !MeasureCatalogue.TryFindCode(code[1], out var measure))
            {
                return [];
            }

            types = [measure.Type];
        }

        return [.. types.SelectMany(t => When(writes, Scopes.WriteMeasurements(t)).Concat(When(reads, Scopes.ReadMeasurements(t))))];
    }

    private static string[] When(bool condition, string scope) => condition ? [scope] : [];
}
