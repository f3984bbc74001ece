using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>What each entry of a transaction or batch Bundle of measurements came to, in entry order.</summary>
public sealed record MeasurementBundleResult(Bundle.BundleType Type, IReadOnlyList<BundleEntryResult> Entries)
{
    public IEnumerable<PatientReading> Readings => Entries.Where(e => e.Accepted is not null).Select(e => e.Accepted!);

    public bool HasRefusals => Entries.Any(e => e.Kind == BundleEntryKind.Refused);
}
