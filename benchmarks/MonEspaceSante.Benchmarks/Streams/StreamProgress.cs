using System.Diagnostics;
using MonEspaceSante.Benchmarks.Infrastructure;

namespace MonEspaceSante.Benchmarks.Streams;

/// <summary>What the consumers saw: distinct events, duplicates, out-of-order events, latency.</summary>
public sealed class StreamProgress(int streams, int perStream)
{
    private readonly int[] lastSeq = new int[streams];
    private readonly byte[] seen = new byte[streams * perStream];
    private long distinct;
    private long duplicates;
    private long outOfOrder;
    private long lastHandledAt;

    public LatencyRecorder Latency { get; } = new();

    public long Distinct => Interlocked.Read(ref distinct);

    public long Duplicates => Interlocked.Read(ref duplicates);

    public long OutOfOrder => Interlocked.Read(ref outOfOrder);

    public long LastHandledAt => Interlocked.Read(ref lastHandledAt);

    public void Handled(BenchEvent item, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(item);
        Latency.Record(latency);
        if (Interlocked.Exchange(ref seen[(item.Stream * perStream) + item.Seq - 1], 1) == 1)
        {
            Interlocked.Increment(ref duplicates);
            return;
        }

        // One consumer grain per stream handles its events one at a time: no race on lastSeq[stream].
        if (item.Seq != lastSeq[item.Stream] + 1)
        {
            Interlocked.Increment(ref outOfOrder);
        }

        lastSeq[item.Stream] = item.Seq;
        Interlocked.Increment(ref distinct);
        Interlocked.Exchange(ref lastHandledAt, Stopwatch.GetTimestamp());
    }
}
