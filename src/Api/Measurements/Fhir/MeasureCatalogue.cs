using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// What each <see cref="MeasureType"/> looks like in FHIR: its LOINC codes, the UCUM unit each code
/// must carry, the canonical unit and the plausible range (DESIGN.md §6). Both French profile families
/// (<c>mesures-*</c> and the older <c>ENS_*</c>) use these codes; profiles are not checked, these are.
/// </summary>
public static class MeasureCatalogue
{
    public const string LoincSystem = "http://loinc.org";
    public const string UcumSystem = "http://unitsofmeasure.org";

    public const string BloodPressurePanel = "85354-9";
    public const string SystolicPressure = "8480-6";
    public const string DiastolicPressure = "8462-4";

    /// <summary>mg/dL per mmol/L of glucose (molar mass 180.16 g/mol).</summary>
    public const decimal GlucoseMgPerDlPerMmolPerL = 18.016m;

    public static IReadOnlyList<MeasureDefinition> All { get; } =
    [
        Single(MeasureType.BodyWeight, "body weight", "29463-7", "kg", 0.2m, 500m),
        Single(MeasureType.BodyHeight, "body height", "8302-2", "cm", 20m, 280m),
        Single(MeasureType.Bmi, "body mass index", "39156-5", "kg/m2", 5m, 150m),
        Single(MeasureType.Steps, "steps per day", "41950-7", "1/(24.h)", 0m, 150_000m),
        Single(MeasureType.BodyTemperature, "body temperature", "8310-5", "Cel", 25m, 46m),
        Single(MeasureType.HeartRate, "heart rate", "8867-4", "/min", 15m, 350m),
        new(
            MeasureType.BloodPressure,
            "blood pressure",
            "mm[Hg]",
            [new(BloodPressurePanel, MeasureType.BloodPressure, "mm[Hg]", 1m)],
            new(40m, 300m),
            new(20m, 200m)),
        Single(MeasureType.OxygenSaturation, "oxygen saturation", "2708-6", "%", 40m, 100m),
        new(
            MeasureType.Glucose,
            "blood glucose",
            "mg/dL",
            [
                new("2345-7", MeasureType.Glucose, "mg/dL", 1m),
                new("15074-8", MeasureType.Glucose, "mmol/L", GlucoseMgPerDlPerMmolPerL),
            ],
            new(10m, 1500m)),
        Single(MeasureType.HbA1c, "haemoglobin A1c", "4548-4", "%", 2m, 25m),
    ];

    private static readonly FrozenDictionary<MeasureType, MeasureDefinition> ByType =
        All.ToFrozenDictionary(definition => definition.Type);

    private static readonly FrozenDictionary<string, MeasureCode> ByLoinc =
        All.SelectMany(definition => definition.Codes).ToFrozenDictionary(code => code.Loinc, StringComparer.Ordinal);

    /// <summary>The codes accepted, for messages that list them.</summary>
    public static string KnownCodes { get; } = string.Join(", ", All.SelectMany(d => d.Codes).Select(c => c.Loinc));

    public static MeasureDefinition For(MeasureType type) =>
        ByType.TryGetValue(type, out var definition)
            ? definition
            : throw new ArgumentOutOfRangeException(nameof(type), type, "No such measure.");

    public static bool TryFindCode(string? loinc, [NotNullWhen(true)] out MeasureCode? code)
    {
        code = null;
        return loinc is not null && ByLoinc.TryGetValue(loinc, out code);
    }

    private static MeasureDefinition Single(MeasureType type, string name, string loinc, string unit, decimal min, decimal max) =>
        new(type, name, unit, [new(loinc, type, unit, 1m)], new(min, max));
}

/// <summary>A measure: the codes that carry it, its canonical unit and the plausible values of a reading.</summary>
/// <param name="Type">The measure.</param>
/// <param name="Name">How messages name it ("body weight").</param>
/// <param name="CanonicalUnit">The UCUM unit readings are kept in.</param>
/// <param name="Codes">The LOINC codes accepted for it (for blood pressure, the panel).</param>
/// <param name="Range">The plausible values (systolic for blood pressure).</param>
/// <param name="SecondaryRange">The plausible diastolic values of blood pressure; otherwise null.</param>
public sealed record MeasureDefinition(
    MeasureType Type,
    string Name,
    string CanonicalUnit,
    IReadOnlyList<MeasureCode> Codes,
    PlausibleRange Range,
    PlausibleRange? SecondaryRange = null);

/// <summary>The inclusive bounds, in canonical units, outside which a value is taken for an input error.</summary>
public readonly record struct PlausibleRange(decimal Min, decimal Max)
{
    public bool Contains(decimal value) => value >= Min && value <= Max;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Min} to {Max}");
}
