using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Fhir.Measurements;

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
