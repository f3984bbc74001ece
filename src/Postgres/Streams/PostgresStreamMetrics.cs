using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// Stream instruments: events enqueued, delivered, redelivered and dead-lettered (counters, per
/// provider), and per partition the depth and the age of the oldest event (gauges refreshed by the
/// partition's reader every maintenance interval).
/// </summary>
public sealed class PostgresStreamMetrics
{
    private static readonly Counter<long> EnqueuedCounter = PostgresMeters.Meter.CreateCounter<long>("mes.streams.enqueued", "{event batch}", "Rows committed to the stream queue.");
    private static readonly Counter<long> DeliveredCounter = PostgresMeters.Meter.CreateCounter<long>("mes.streams.delivered", "{event batch}", "Rows handled by every consumer and deleted.");
    private static readonly Counter<long> RedeliveredCounter = PostgresMeters.Meter.CreateCounter<long>("mes.streams.redelivered", "{event batch}", "Rows leased again after a failed delivery or a failover.");
    private static readonly Counter<long> DeadLetteredCounter = PostgresMeters.Meter.CreateCounter<long>("mes.streams.dead_lettered", "{event batch}", "Rows moved to the dead-letter table.");
    private static readonly ConcurrentDictionary<object, QueueSnapshot> Snapshots = new();

    static PostgresStreamMetrics()
    {
        PostgresMeters.Meter.CreateObservableGauge("mes.streams.queue.depth", () => Snapshots.Values.Select(s => new Measurement<long>(s.Depth, s.Tags)), "{event batch}", "Rows waiting in a partition.");
        PostgresMeters.Meter.CreateObservableGauge("mes.streams.queue.oldest_age", () => Snapshots.Values.Select(s => new Measurement<double>(s.OldestAgeSeconds, s.Tags)), "s", "Age of the oldest row of a partition.");
    }

    private readonly KeyValuePair<string, object?> providerTag;

    public PostgresStreamMetrics(string provider)
    {
        Provider = provider;
        providerTag = new("provider", provider);
    }

    public string Provider { get; }

    public void Enqueued(long count) => EnqueuedCounter.Add(count, providerTag);

    public void Delivered(long count) => DeliveredCounter.Add(count, providerTag);

    public void Redelivered(long count) => RedeliveredCounter.Add(count, providerTag);

    public void DeadLettered(long count) => DeadLetteredCounter.Add(count, providerTag);

    public void Report(object reader, int queueId, long depth, double oldestAgeSeconds) =>
        Snapshots[reader] = new QueueSnapshot(depth, oldestAgeSeconds, new TagList { providerTag, { "queue", queueId } });

    public void Forget(object reader) => Snapshots.TryRemove(reader, out _);

    private sealed record QueueSnapshot(long Depth, double OldestAgeSeconds, TagList Tags);
}
