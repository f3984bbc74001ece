using System.Diagnostics;
using System.Globalization;

namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>One line every few seconds while a phase runs: phase, done, rate over the last interval and since the start.</summary>
public sealed class PhaseProgress : IAsyncDisposable
{
    private readonly string phase;
    private readonly long total;
    private readonly Func<long> done;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly long started = Stopwatch.GetTimestamp();

    public PhaseProgress(string phase, long total, Func<long> done, TimeSpan every)
    {
        this.phase = phase;
        this.total = total;
        this.done = done;
        loop = RunAsync(every);
    }

    private async Task RunAsync(TimeSpan every)
    {
        long last = 0;
        var lastAt = started;
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var now = Stopwatch.GetTimestamp();
                var current = done();
                var rate = (current - last) / Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
                var average = current / Stopwatch.GetElapsedTime(started, now).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {phase,-8} {Stopwatch.GetElapsedTime(started, now).TotalSeconds,6:0}s {current,12:N0} / {total:N0} ({100.0 * current / total,5:0.0}%)  {rate,9:N0}/s now  {average,9:N0}/s avg  {Environment.WorkingSet / 1048576,6:N0} MB"));
                (last, lastAt) = (current, now);
            }
        }
        catch (OperationCanceledException)
        {
            // The phase ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
