namespace MonEspaceSante.Grains.Jobs;

/// <summary>Configuration <c>Jobs</c>: the daily jobs' runner.</summary>
public sealed class DailyJobSettings
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>How often each silo looks for a run that is due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claimed run is its silo's without a renewal (renewed every third of it).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The access digest: the time of day (Paris) the digest of the day before is sent.</summary>
    public TimeOnly AccessDigestAt { get; set; } = new(7, 0);

    /// <summary>The erasure of closed spaces that are due: the time of day (Paris), at night.</summary>
    public TimeOnly ErasureAt { get; set; } = new(3, 30);
}
