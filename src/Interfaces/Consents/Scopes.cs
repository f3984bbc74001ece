using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Interfaces.Consents;

/// <summary>
/// The consent scopes apps may be granted. Measurement scopes are per type: <c>measurements.write:glucose</c>;
/// the medical profile's per list: <c>profile.read:immunizations</c>; the other bricks have one scope per right:
/// <c>documents.read</c>, <c>documents.write</c>, <c>agenda.write</c>.
/// </summary>
public static class Scopes
{
    public const string ReadDocuments = "documents.read";

    public const string WriteDocuments = "documents.write";

    public const string WriteAgenda = "agenda.write";

    private static readonly Dictionary<MeasureType, string> Names = new()
    {
        [MeasureType.BodyWeight] = "body-weight",
        [MeasureType.BodyHeight] = "body-height",
        [MeasureType.Bmi] = "bmi",
        [MeasureType.Steps] = "steps",
        [MeasureType.BodyTemperature] = "body-temperature",
        [MeasureType.HeartRate] = "heart-rate",
        [MeasureType.BloodPressure] = "blood-pressure",
        [MeasureType.OxygenSaturation] = "oxygen-saturation",
        [MeasureType.Glucose] = "glucose",
        [MeasureType.HbA1c] = "hba1c",
    };

    private static readonly Dictionary<ProfileKind, string> ProfileLists = new()
    {
        [ProfileKind.Condition] = "conditions",
        [ProfileKind.Allergy] = "allergies",
        [ProfileKind.Medication] = "medications",
        [ProfileKind.Immunization] = "immunizations",
    };

    private static readonly Dictionary<string, MeasureType> Types = Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);

    /// <summary>Every scope known today.</summary>
    public static readonly IReadOnlySet<string> Known = Names.Values
        .SelectMany(name => new[] { $"measurements.read:{name}", $"measurements.write:{name}" })
        .Concat(ProfileLists.Values.SelectMany(list => new[] { $"profile.read:{list}", $"profile.write:{list}" }))
        .Concat([ReadDocuments, WriteDocuments, WriteAgenda])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The name of a measure type in scopes and URLs (<c>blood-pressure</c>).</summary>
    public static string NameOf(MeasureType type) => Names[type];

    /// <summary>The measure type named <paramref name="name"/> in scopes and URLs, if any.</summary>
    public static bool TryParseType(string? name, out MeasureType type) => Types.TryGetValue(name ?? "", out type);

    public static string WriteMeasurements(MeasureType type) => $"measurements.write:{Names[type]}";

    public static string ReadMeasurements(MeasureType type) => $"measurements.read:{Names[type]}";

    /// <summary>Reading one list of the medical profile: <c>profile.read:immunizations</c>.</summary>
    public static string ReadProfile(ProfileKind kind) => $"profile.read:{ProfileLists[kind]}";

    /// <summary>Adding to one list of the medical profile: <c>profile.write:immunizations</c>.</summary>
    public static string WriteProfile(ProfileKind kind) => $"profile.write:{ProfileLists[kind]}";
}
