using System.Diagnostics;
using System.Globalization;

namespace MonEspaceSante.Benchmarks.Infrastructure;

/// <summary>
/// CPU seconds used so far by this process (and its GC pauses and allocations) and by the benchmark's PostgreSQL server (the postmaster,
/// its live backends, and the backends it already reaped), from /proc: on 2 shared cores, which side
/// is busy says what bounds a phase.
/// </summary>
public sealed class CpuMeter(string dataDirectory)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux.

    public readonly record struct Sample(double DotnetSeconds, double PostgresSeconds, long At, TimeSpan GcPause, long Allocated)
    {
        public (double PauseSeconds, long Allocated) GcSince(Sample start) => ((GcPause - start.GcPause).TotalSeconds, Allocated - start.Allocated);

        public (double Dotnet, double Postgres, double Wall) Since(Sample start) =>
            (DotnetSeconds - start.DotnetSeconds, PostgresSeconds - start.PostgresSeconds, Stopwatch.GetElapsedTime(start.At, At).TotalSeconds);
    }

    public Sample Take()
    {
        using var self = Process.GetCurrentProcess();
        return new Sample(self.TotalProcessorTime.TotalSeconds, PostgresSeconds(), Stopwatch.GetTimestamp(), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
    }

    private double PostgresSeconds()
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!OperatingSystem.IsLinux() || !File.Exists(pidFile))
        {
            return double.NaN;
        }

        var postmaster = File.ReadLines(pidFile).First().Trim();
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var stat = Fields(Path.Combine(directory, "stat"));
            if (stat is null)
            {
                continue;
            }

            // Fields after the command: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
            if (Path.GetFileName(directory) == postmaster)
            {
                ticks += long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture)
                    + long.Parse(stat[13], CultureInfo.InvariantCulture) + long.Parse(stat[14], CultureInfo.InvariantCulture);
            }
            else if (stat[1] == postmaster)
            {
                ticks += long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);
            }
        }

        return ticks / TicksPerSecond;
    }

    private static string[]? Fields(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            var end = text.LastIndexOf(')');
            return end < 0 ? null : text[(end + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
