namespace MonEspaceSante.Grains.Jobs;

/// <summary>
/// Work done once a day for everyone due (the access digest, erasure), never one reminder per person. Run by one silo of
/// the cluster at <see cref="At"/> (Paris time); run again in full if that silo dies, so it must be idempotent.
/// </summary>
public interface IDailyJob
{
    string Name { get; }

    /// <summary>The time of day (Europe/Paris) from which the day's run is due.</summary>
    TimeOnly At { get; }

    /// <summary>Runs the job of <paramref name="today"/>; answers a one-line summary (counts, no personal data) for the job table.</summary>
    Task<string> RunAsync(DateOnly today, CancellationToken cancellationToken);
}
