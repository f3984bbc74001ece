namespace MonEspaceSante.Benchmarks.Measurements;

/// <summary>The measurements benchmark's settings: people, concurrent clients, Bundles to send and readings per Bundle, and the sending time limit.</summary>
public sealed record MeasurementRunOptions(int Patients, int Clients, long Bundles, int PerBundle, TimeSpan SendLimit)
{
    public long Readings => Bundles * PerBundle;
}
