namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>
/// One timed phase of the wave: how many identities in how long (by PostgreSQL's clock, from the
/// phase's start to the last outcome recorded), whether it finished, the CPU each side used, and
/// the GC pauses and allocations during it, memory and activations right after it.
/// </summary>
public sealed record PhaseResult(
    string Name,
    long Done,
    double Seconds,
    bool Finished,
    double DotnetCores,
    double PostgresCores,
    double GcPauseSeconds,
    long AllocatedBytes,
    long WorkingSetBytes,
    long HeapBytes,
    int Activations)
{
    public double Rate => Done / Seconds;
}
