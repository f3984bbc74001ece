namespace MonEspaceSante.Benchmarks.Infrastructure;

/// <summary>A lock-free histogram of latencies in 0.1 ms buckets up to 60 s, for percentiles.</summary>
public sealed class LatencyRecorder
{
    private const int Buckets = 600_000;
    private readonly long[] counts = new long[Buckets + 1];
    private long total;

    public long Count => Interlocked.Read(ref total);

    public void Record(TimeSpan latency)
    {
        var bucket = (int)Math.Clamp(latency.TotalMilliseconds * 10, 0, Buckets);
        Interlocked.Increment(ref counts[bucket]);
        Interlocked.Increment(ref total);
    }

    public double PercentileMilliseconds(double percentile)
    {
        var target = (long)Math.Ceiling(Count * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i <= Buckets; i++)
        {
            seen += Interlocked.Read(ref counts[i]);
            if (seen >= target && target > 0)
            {
                return i / 10.0;
            }
        }

        return double.NaN;
    }
}
