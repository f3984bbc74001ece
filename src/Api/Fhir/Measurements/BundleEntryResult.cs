namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>What one entry of a measurement Bundle came to.</summary>
/// <param name="Index">Its position in <c>Bundle.entry</c>, from 0.</param>
/// <param name="FullUrl">Its <c>fullUrl</c>, when given.</param>
/// <param name="Kind">Reading, supporting resource or refused.</param>
/// <param name="Accepted">The reading and its patient when <paramref name="Kind"/> is <see cref="BundleEntryKind.Reading"/>.</param>
/// <param name="Issues">Why it was refused, with expressions starting <c>Bundle.entry[Index]</c>.</param>
public sealed record BundleEntryResult(
    int Index,
    string? FullUrl,
    BundleEntryKind Kind,
    PatientReading? Accepted,
    IReadOnlyList<MeasurementIssue> Issues);
