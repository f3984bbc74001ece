using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.Grains.Measurements;
using MonEspaceSante.Interfaces.Measurements;
using Npgsql;
using NpgsqlTypes;
using Spectre.Console;

namespace MonEspaceSante.Benchmarks.Measurements;

/// <summary>
/// FHIR reads of one person's measurements as partners send them (a day by code and date, the last value, a page of
/// 50), by the holder over HTTP against the real application, at 16 and 64 connections: requests/s and p99; against the
/// same statement run straight on PostgreSQL with as many connections.
/// </summary>
public static class FhirReadBenchmark
{
    private sealed record Query(string Name, Func<string, string> Path, Func<string, NpgsqlBatch, NpgsqlBatch> Statement);

    public static async Task<int> RunAsync(int patients, int readingsPerPatient, TimeSpan duration)
    {
        AnsiConsole.MarkupLine($"[bold]FHIR read benchmark[/]: {patients:N0} people with {readingsPerPatient:N0} CGM readings each, {duration.TotalSeconds:0} s per load");
        await using var api = await BenchApi.StartAsync();
        var cpu = new CpuMeter(api.ServerDataDirectory);
        var first = DateTimeOffset.UtcNow.Date.AddDays(-3);
        var people = await PatientSetup.PrepareAsync(api.Client, patients);

        // The readings go in as an app sends them, so that the rows are the application's own.
        const int PerBundle = 100;
        var load = new MeasurementRunOptions(patients, 16, (long)patients * readingsPerPatient / PerBundle, PerBundle, TimeSpan.FromMinutes(10));
        var sender = new CgmSender(api.BaseAddress, api.Tokens.Issue(MesRoles.App, CgmBundles.AppId, TimeSpan.FromHours(2)).Token, people, load, first);
        await sender.RunAsync();
        await WaitStoredAsync(api.Data, sender.Acknowledged);
        await using (var analyze = api.Data.CreateCommand("ANALYZE mes_measurement"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        AnsiConsole.MarkupLine($"stored {sender.Acknowledged:N0} readings");
        var tokens = people.ToDictionary(ins => ins, ins => api.Tokens.Issue(MesRoles.Patient, ins, TimeSpan.FromHours(2)).Token, StringComparer.Ordinal);
        var day = (from: first.AddDays(1), to: first.AddDays(2));
        var queries = new Query[]
        {
            new("one day by code and date (_count=100)",
                ins => $"/fhir/Observation?patient={ins}&code={CgmBundles.Loinc}&date=ge{Instant(day.from)}&date=lt{Instant(day.to)}&_count=100",
                (ins, batch) => Search(batch, ins, [MeasureType.Glucose], day.from, day.to, 100, ascending: false)),
            new("last value (code, _sort=-date, _count=1)",
                ins => $"/fhir/Observation?patient={ins}&code={CgmBundles.Loinc}&_sort=-date&_count=1",
                (ins, batch) => Search(batch, ins, [MeasureType.Glucose], null, null, 1, ascending: false)),
            new("a page of 50 (no filter, default sort)",
                ins => $"/fhir/Observation?patient={ins}",
                (ins, batch) => Search(batch, ins, Enum.GetValues<MeasureType>(), null, null, 50, ascending: false)),
        };

        var table = new ResultTable(string.Create(CultureInfo.InvariantCulture,
            $"FHIR reads: {patients:N0} people x {readingsPerPatient:N0} CGM readings, the holder's token, load generator in the same process, 1 silo + API, PostgreSQL 15 durable, 2 cores"));
        foreach (var query in queries)
        {
            // Warm both paths (tiered compilation, activations, prepared statements) before anything is measured.
            await HttpLoadAsync(api.BaseAddress, people, tokens, query, 64, TimeSpan.FromSeconds(5));
            await SqlLoadAsync(api.Data, people, query, 16, TimeSpan.FromSeconds(3));
            foreach (var connections in new[] { 16, 64 })
            {
                var start = cpu.Take();
                var (requests, errors, latency) = await HttpLoadAsync(api.BaseAddress, people, tokens, query, connections, duration);
                var (dotnet, postgres, wall) = cpu.Take().Since(start);
                var rawStart = cpu.Take();
                var (statements, _, rawLatency) = await SqlLoadAsync(api.Data, people, query, connections, duration);
                var rawWall = cpu.Take().Since(rawStart).Wall;
                var share = requests / wall / (statements / rawWall);
                AnsiConsole.MarkupLine($"{query.Name}, {connections} connections: {requests / wall:N0} requests/s (p99 {latency.PercentileMilliseconds(99):0.0} ms), PostgreSQL alone {statements / rawWall:N0}/s");
                table.Add($"{query.Name}, {connections} connections, FHIR over HTTP", requests / wall, "requests/s", string.Create(CultureInfo.InvariantCulture,
                    $"p50 {latency.PercentileMilliseconds(50):0.0} ms, p99 {latency.PercentileMilliseconds(99):0.0} ms; {errors} errors of {requests:N0}; {100 * share:0.#}% of the ceiling; CPU dotnet {dotnet / wall:0.00} + PostgreSQL {postgres / wall:0.00} cores"));
                table.Add($"{query.Name}, {connections} connections, ceiling: the same statement on PostgreSQL", statements / rawWall, "queries/s", string.Create(CultureInfo.InvariantCulture,
                    $"p50 {rawLatency.PercentileMilliseconds(50):0.0} ms, p99 {rawLatency.PercentileMilliseconds(99):0.0} ms; Npgsql, {connections} connections"));
            }
        }

        table.Print();
        return 0;
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The statement the measurements facet runs for a search without <c>_total</c> (MeasurementStore.SearchAsync): the page and one more row, which says whether a next page exists.</summary>
    private static NpgsqlBatch Search(NpgsqlBatch batch, string ins, MeasureType[] types, DateTimeOffset? from, DateTimeOffset? to, int limit, bool ascending)
    {
        var page = new NpgsqlBatchCommand(MeasurementStore.PageStatement(ascending));
        foreach (var command in new[] { page })
        {
            command.Parameters.AddWithValue("ins", ins);
            command.Parameters.AddWithValue("types", types.Where(t => t != MeasureType.Bmi).Select(t => (short)t).ToArray());
            command.Parameters.AddWithValue("bmi", types.Contains(MeasureType.Bmi));
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)from?.UtcDateTime ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)to?.UtcDateTime ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        page.Parameters.Add(new NpgsqlParameter("after_at", NpgsqlDbType.TimestampTz) { Value = DBNull.Value });
        page.Parameters.Add(new NpgsqlParameter("after_app", NpgsqlDbType.Text) { Value = DBNull.Value });
        page.Parameters.Add(new NpgsqlParameter("after_key", NpgsqlDbType.Text) { Value = DBNull.Value });
        page.Parameters.AddWithValue("limit", limit + 1);
        page.Parameters.AddWithValue("offset", 0);
        page.Parameters.AddWithValue("per_type", limit + 1);
        return batch;
    }

    private static async Task<(long Requests, long Errors, LatencyRecorder Latency)> HttpLoadAsync(
        Uri server, IReadOnlyList<string> people, IReadOnlyDictionary<string, string> tokens, Query query, int connections, TimeSpan duration)
    {
        var latency = new LatencyRecorder();
        long requests = 0, errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = server };
            for (var n = worker; Stopwatch.GetTimestamp() < until; n += connections)
            {
                var ins = people[n % people.Count];
                using var request = new HttpRequestMessage(HttpMethod.Get, query.Path(ins));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[ins]);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                latency.Record(Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref requests);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return (requests, errors, latency);
    }

    private static async Task<(long Batches, long Rows, LatencyRecorder Latency)> SqlLoadAsync(
        NpgsqlDataSource data, IReadOnlyList<string> people, Query query, int connections, TimeSpan duration)
    {
        var latency = new LatencyRecorder();
        long batches = 0, rows = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            await using var connection = await data.OpenConnectionAsync();
            for (var n = worker; Stopwatch.GetTimestamp() < until; n += connections)
            {
                var started = Stopwatch.GetTimestamp();
                await using var batch = query.Statement(people[n % people.Count], new NpgsqlBatch(connection));
                await using var reader = await batch.ExecuteReaderAsync();
                do
                {
                    while (await reader.ReadAsync())
                    {
                        Interlocked.Increment(ref rows);
                    }
                }
                while (await reader.NextResultAsync());
                latency.Record(Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref batches);
            }
        }));
        return (batches, rows, latency);
    }

    private static async Task WaitStoredAsync(NpgsqlDataSource data, long expected)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(TimeSpan.FromMinutes(5).TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await using var command = data.CreateCommand("SELECT count(*) FROM mes_measurement");
            if ((long)(await command.ExecuteScalarAsync())! >= expected)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        throw new TimeoutException($"{expected:N0} readings were not all stored within 5 minutes");
    }
}
