using System.ComponentModel.DataAnnotations;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>Settings of opt-out waves (section <c>Waves</c>).</summary>
public sealed class WavesSettings
{
    public const string Section = "Waves";

    /// <summary>Fan-out partitions of a new wave: each is a grain sending its share of the events.</summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 16;

    /// <summary>Period of each wave's one reminder, which launches it, watches its partitions and opens it at the deadline.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>People read per page by a partition.</summary>
    [Range(10, 100_000)]
    public int PageSize { get; set; } = 2000;

    /// <summary>Shortest opposition window accepted (the regulation sets 6 weeks; short windows serve tests and rehearsals).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "42.00:00:00")]
    public TimeSpan MinimumOppositionWindow { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "42.00:00:00", "3660.00:00:00")]
    public TimeSpan MaximumOppositionWindow { get; set; } = TimeSpan.FromDays(366);
}
