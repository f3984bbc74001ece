using System.Diagnostics;
using System.Globalization;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.Benchmarks.Waves;
using Npgsql;
using Spectre.Console;

namespace MonEspaceSante.Benchmarks.Measurements;

/// <summary>
/// Apps pushing CGM readings to the real application over HTTP (POST /fhir transaction Bundles):
/// acknowledged readings/s, and end to end until every reading is a row of mes_measurement; against
/// a binary COPY of the same rows on the same server, in the same run.
/// </summary>
public static class MeasurementBenchmark
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(MeasurementRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AnsiConsole.MarkupLine($"[bold]Measurements benchmark[/]: {options.Patients:N0} patients, {options.Clients} HTTP clients, {options.Bundles:N0} Bundles of {options.PerBundle} readings, sending stops after {options.SendLimit}");
        await using var api = await BenchApi.StartAsync();
        var cpu = new CpuMeter(api.ServerDataDirectory);
        var first = DateTimeOffset.UtcNow.AddDays(-3);

        var setupStart = Stopwatch.GetTimestamp();
        var patients = await PatientSetup.PrepareAsync(api.Client, options.Patients);
        var setupSeconds = Stopwatch.GetElapsedTime(setupStart).TotalSeconds;
        AnsiConsole.MarkupLine($"setup: {patients.Count:N0} spaces opened with a consent in {setupSeconds:0.0} s");

        var ceiling = await CopyCeiling.MeasureAsync(api.Data, patients, options, first);
        AnsiConsole.MarkupLine($"ceiling: binary COPY into a copy of mes_measurement {ceiling:N0} rows/s");

        await StatementReport.ResetAsync(api.Data);
        var token = api.Tokens.Issue(MesRoles.App, CgmBundles.AppId, TimeSpan.FromHours(2)).Token;
        var sender = new CgmSender(api.BaseAddress, token, patients, options, first);
        var startedAt = await ScalarAsync<DateTime>(api.Data, "SELECT clock_timestamp()");
        var start = cpu.Take();
        var ackSeconds = await sender.RunAsync();
        var ackCpu = cpu.Take();
        var acknowledged = sender.Acknowledged;
        AnsiConsole.MarkupLine($"acknowledged: {acknowledged:N0} readings in {ackSeconds:0.0} s, {sender.Failed:N0} Bundles refused or failed");

        var (stored, drained) = await WaitStoredAsync(api.Data, acknowledged);
        var end = cpu.Take();
        var lastRow = await ScalarAsync<DateTime?>(api.Data, "SELECT max(received_at) FROM mes_measurement") ?? DateTime.UtcNow;
        var endToEnd = (lastRow - startedAt).TotalSeconds;
        var (heapBytes, indexBytes) = await SizeAsync(api.Data);
        await StatementReport.PrintAsync(api.Data, "PostgreSQL time by statement, measured phase");

        var ack = ackCpu.Since(start);
        var all = end.Since(start);
        var (pause, allocated) = end.GcSince(start);
        using var self = Process.GetCurrentProcess();
        var verdict = acknowledged / endToEnd / ceiling >= 0.10 ? "target met" : "target NOT met";
        new ResultTable(string.Create(CultureInfo.InvariantCulture,
            $"Measurements: {options.Patients:N0} patients, {options.Clients} HTTP/1.1 clients, transaction Bundles of {options.PerBundle} CGM readings, 1 silo + API in one process, PostgreSQL 15 durable (fsync on), WAL compressed (lz4)"))
            .Add("setup (not measured): spaces opened + glucose consent granted", patients.Count / setupSeconds, "patients/s", string.Create(CultureInfo.InvariantCulture, $"{patients.Count:N0} in {setupSeconds:0.0} s, 256 grain calls in flight"))
            .Add("ceiling: binary COPY of the same rows into a copy of mes_measurement (1 connection)", ceiling, "rows/s", "measured in this run, same indexes, no partitioning")
            .Add("acknowledged over HTTP (200, every entry 201 Created)", acknowledged / ackSeconds, "readings/s", string.Create(CultureInfo.InvariantCulture,
                $"{acknowledged:N0} readings in {sender.BundlesSent:N0} Bundles, {ackSeconds:0.0} s; {sender.Failed:N0} Bundles refused or failed; CPU: dotnet {ack.Dotnet / ack.Wall:0.00} + PostgreSQL {ack.Postgres / ack.Wall:0.00} cores"))
            .Add("end to end: first request to last row stored", acknowledged / endToEnd, "readings/s", string.Create(CultureInfo.InvariantCulture,
                $"{100 * acknowledged / endToEnd / ceiling:0.#}% of the ceiling (target >= 10%: {verdict}); {endToEnd:0.0} s; CPU: dotnet {all.Dotnet / all.Wall:0.00} + PostgreSQL {all.Postgres / all.Wall:0.00} cores"))
            .Add("ack latency p50 / p99 / max bucket", string.Create(CultureInfo.InvariantCulture,
                $"{sender.Latency.PercentileMilliseconds(50):0.0} / {sender.Latency.PercentileMilliseconds(99):0.0} / {sender.Latency.PercentileMilliseconds(100):0.0} ms"), "per Bundle of " + options.PerBundle.ToString(CultureInfo.InvariantCulture))
            .Add("rows stored in mes_measurement / readings acknowledged", $"{stored:N0} / {acknowledged:N0}", drained ? (stored == acknowledged ? "exact" : "NOT exact") : "stopped waiting (no progress for 2 min)")
            .Add("bytes per reading on disk (heap + TOAST, indexes)", (heapBytes + indexBytes) / (double)Math.Max(1, stored), "bytes", string.Create(CultureInfo.InvariantCulture,
                $"{heapBytes / (double)Math.Max(1, stored):0} + {indexBytes / (double)Math.Max(1, stored):0}; every leaf of mes_measurement, {stored:N0} rows, before any vacuum (issue 21's target: 16)"))
            .Add("peak working set (Process.PeakWorkingSet64)", self.PeakWorkingSet64 / 1048576.0, "MB", string.Create(CultureInfo.InvariantCulture,
                $"silo + API + clients in one process, server GC; GC paused {pause:0.0} s, allocated {allocated / 1024.0 / Math.Max(1, acknowledged):0.#} KB per reading"))
            .Print();
        return drained && stored == acknowledged && sender.Failed == 0 ? 0 : 1;
    }

    /// <summary>The bytes of <c>mes_measurement</c> on disk, its table (heap, TOAST, maps) and its indexes, summed over its partitions if it has any.</summary>
    private static async Task<(long Heap, long Indexes)> SizeAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand(
            "SELECT COALESCE(sum(pg_table_size(relid)), 0)::bigint, COALESCE(sum(pg_indexes_size(relid)), 0)::bigint FROM pg_partition_tree('mes_measurement') WHERE isleaf");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Polls <c>count(*)</c> until it reaches <paramref name="expected"/>, or stops after two minutes without progress.</summary>
    private static async Task<(long Stored, bool Reached)> WaitStoredAsync(NpgsqlDataSource data, long expected)
    {
        long stored = 0;
        var lastChange = Stopwatch.GetTimestamp();
        await using (new PhaseProgress("stored", expected, () => Interlocked.Read(ref stored), TimeSpan.FromSeconds(5)))
        {
            while (true)
            {
                var count = await ScalarAsync<long>(data, "SELECT count(*) FROM mes_measurement");
                if (count != Interlocked.Read(ref stored))
                {
                    Interlocked.Exchange(ref stored, count);
                    lastChange = Stopwatch.GetTimestamp();
                }

                if (count >= expected || Stopwatch.GetElapsedTime(lastChange) > Stall)
                {
                    return (count, count >= expected);
                }

                await Task.Delay(Poll);
            }
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }
}
