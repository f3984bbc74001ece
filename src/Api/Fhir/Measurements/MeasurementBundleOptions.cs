using System.ComponentModel.DataAnnotations;

namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>Limits of measurement Bundles (section <c>Measurements</c>).</summary>
public sealed class MeasurementBundleOptions
{
    public const string Section = "Measurements";

    /// <summary>The most entries one Bundle may hold; a larger one is refused as a whole (413).</summary>
    [Range(1, 100_000)]
    public int MaxEntries { get; set; } = 1000;
}
