using System.ComponentModel.DataAnnotations;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>Settings of the PostgreSQL stream provider (section <c>Streams:Postgres</c>).</summary>
public sealed class PostgresStreamOptions
{
    /// <summary>
    /// Partitions; each is read by one silo at a time, spread by Orleans' queue balancer. Producers and
    /// silos must agree. Each partition's pulling agent holds at most <see cref="CacheSize"/> events in
    /// flight, so when every stream carries one event (a wave), the partitions bound how many people are
    /// delivered at once: 16 delivered a 400k wave 1.2× faster than 8 on one silo (docs/benchmarks.md).
    /// </summary>
    [Range(1, 1024)]
    public int QueueCount { get; set; } = 16;

    /// <summary>How long a leased row stays invisible to other readers; renewed while it is in flight.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Deliveries of a row (reads of it) before it goes to the dead letters.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before a row whose delivery failed is offered again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the pulling agent asks a partition for events.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>An idle partition backs off up to this interval between queries.</summary>
    public TimeSpan MaxIdlePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the pulling agent retries one event for a failing consumer before giving up on this delivery.</summary>
    public TimeSpan MaxEventDeliveryTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait between two attempts to deliver an event to a failing consumer; doubles each time.</summary>
    public TimeSpan DeliveryRetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between two attempts to deliver an event to a failing consumer.</summary>
    public TimeSpan DeliveryRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events of one stream handed to its consumer in one call when they are waiting (Orleans' BatchContainerBatchSize).</summary>
    [Range(1, 1000)]
    public int DeliveryBatchSize { get; set; } = 1;

    /// <summary>Rows per read; also bounded by the cache.</summary>
    [Range(1, 10_000)]
    public int ReadBatchSize { get; set; } = 1000;

    /// <summary>Rows per write (one COPY); concurrent producers are grouped into one commit.</summary>
    [Range(1, 100_000)]
    public int WriteBatchSize { get; set; } = 2000;

    /// <summary>Messages per queue row at most: concurrent writes to a partition share a row, leased and deleted as one.</summary>
    [Range(1, 10_000)]
    public int MaxSegmentMessages { get; set; } = 256;

    /// <summary>Independent writers; a partition always goes through the same one, keeping its order.</summary>
    [Range(1, 64)]
    public int WriterLanes { get; set; } = 4;

    /// <summary>
    /// Events kept in each partition's cache (Orleans' SimpleQueueCache). Each stream's cursor walks the
    /// whole cache to find its next event, so a large cache costs CPU when many streams carry one event
    /// each (a wave); a small one stalls the partition behind its slowest consumer. 1,024 measured best
    /// for waves (docs/benchmarks.md).
    /// </summary>
    [Range(16, 1_000_000)]
    public int CacheSize { get; set; } = 1024;

    /// <summary>
    /// How long the pulling agent keeps a stream it has seen no event of (Orleans' StreamInactivityPeriod):
    /// its consumer and cursor, found again without a handshake while kept. Orleans never forgets a
    /// stream that is delivering or handshaking, only idle ones. Every stream kept costs about 1.6 KB of
    /// heap that the GC walks, and the agent scans them all on each read: Orleans' 30 minutes would keep
    /// every person a wave reached in that time (17 GB per silo at 6,000 people per second), while a
    /// wave's stream never sees a second event within minutes. After 15 s without events, a stream's
    /// next event costs one handshake more (one grain call): a device pushing every few minutes pays it.
    /// 3 s cut the GC heap after a 400k notify from 367 to 227 MB, but device ingestion fell from 31k to
    /// 21–24k readings/s (docs/benchmarks.md).
    /// </summary>
    public TimeSpan StreamInactivityPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a reader looks again from the head of its partition (for released rows and late commits).</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each reader refreshes its depth and oldest-age gauges and sweeps exhausted rows.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromSeconds(5);
}
