using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.Benchmarks.Waves;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using Spectre.Console;

namespace MonEspaceSante.Benchmarks.SignIn;

/// <summary>
/// The cost of the sign-in on every request: one token's signature checked (HS256 before, RS256 the default, ES256
/// for reference), and the patient read path (space, documents, latest measurements, upcoming agenda) for thousands of
/// people with real tokens, each checked against its rows in the store, at 16 and 64 connections; against the same
/// load with tokens minted without a row (signature only) in the same run.
/// </summary>
public static class SignInBenchmark
{
    private static readonly string[] ReadPath = ["/api/v1/me", "/api/v1/me/documents", "/api/v1/me/measurements/latest", "/api/v1/me/agenda?when=upcoming"];

    public static async Task<int> RunAsync(int people, TimeSpan duration)
    {
        AnsiConsole.MarkupLine($"[bold]Sign-in benchmark[/]: {people:N0} people, read path {string.Join(", ", ReadPath)}, {duration.TotalSeconds:0} s per load");
        var validation = await TokenValidationCost.MeasureAsync(20_000);
        foreach (var result in validation)
        {
            AnsiConsole.MarkupLine($"validation {result.Algorithm}: {result.MicrosecondsPerToken:0.0} µs per token");
        }

        await using var api = await BenchApi.StartAsync();
        var cpu = new CpuMeter(api.ServerDataDirectory);
        var persons = Enumerable.Range(0, people).Select(n => SyntheticPeople.Of(n).Ins).ToArray();
        await Parallel.ForEachAsync(persons, new ParallelOptions { MaxDegreeOfParallelism = 128 }, async (ins, _) =>
            await api.Client.GetGrain<IPatientGrain>(PatientKey.From(Ins.Parse(ins))).ActivateAsync(new MonEspaceSante.Interfaces.Access.Accessor(MonEspaceSante.Interfaces.Access.AccessorRole.Patient, Ins.Parse(ins).Value, "bench")));

        var signInStart = Stopwatch.GetTimestamp();
        var real = new string[people];
        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            real[i] = await PeopleSignIn.SignInAsync(api.BaseAddress, persons[i]));
        var signInSeconds = Stopwatch.GetElapsedTime(signInStart).TotalSeconds;
        AnsiConsole.MarkupLine($"signed in {people:N0} people through the code flow in {signInSeconds:0.0} s");
        var minted = persons.Select(ins => api.Tokens.Issue(MesRoles.Patient, ins, TimeSpan.FromHours(2)).Token).ToArray();

        var table = new ResultTable(string.Create(CultureInfo.InvariantCulture,
            $"Sign-in: {people:N0} people, the read path of 4 GETs in turn, load generator in the same process, 1 silo + API, PostgreSQL 15 durable, 2 cores"));
        foreach (var result in validation)
        {
            table.Add($"signature check, {result.Algorithm}", result.MicrosecondsPerToken, "µs per token", string.Create(CultureInfo.InvariantCulture, $"{result.TokensPerSecond:N0} tokens/s on one thread, JsonWebTokenHandler"));
        }

        table.Add("sign-in through the code flow (setup)", people / signInSeconds, "people/s", "authorize, sign-in page and form, code, token exchange; 16 at a time");

        // The first seconds of load run slower (tiered compilation, grain activations, statements being prepared): warm
        // both paths up before anything is measured, so that the first measured load is not the one that pays.
        await LoadAsync(api.BaseAddress, real, 64, TimeSpan.FromSeconds(10));
        await LoadAsync(api.BaseAddress, minted, 64, TimeSpan.FromSeconds(10));
        foreach (var connections in new[] { 16, 64 })
        {
            foreach (var (name, tokens) in new[] { ("real tokens (signature + token and grant rows)", real), ("tokens without rows (signature only)", minted) })
            {
                await LoadAsync(api.BaseAddress, tokens, connections, TimeSpan.FromSeconds(3));
                var start = cpu.Take();
                var (requests, errors, latency) = await LoadAsync(api.BaseAddress, tokens, connections, duration);
                var (dotnet, postgres, wall) = cpu.Take().Since(start);
                AnsiConsole.MarkupLine($"{connections} connections, {name}: {requests / wall:N0} requests/s, p99 {latency.PercentileMilliseconds(99):0.0} ms, {errors} errors");
                table.Add($"{connections} connections, {name}", requests / wall, "requests/s", string.Create(CultureInfo.InvariantCulture,
                    $"p50 {latency.PercentileMilliseconds(50):0.0} ms, p99 {latency.PercentileMilliseconds(99):0.0} ms; {errors} errors of {requests:N0}; CPU dotnet {dotnet / wall:0.00} + PostgreSQL {postgres / wall:0.00} cores"));
            }
        }

        table.Print();
        return 0;
    }

    /// <summary><paramref name="connections"/> clients, each on its own connection, cycling through the people and the read path.</summary>
    private static async Task<(long Requests, long Errors, LatencyRecorder Latency)> LoadAsync(Uri server, string[] tokens, int connections, TimeSpan duration)
    {
        var latency = new LatencyRecorder();
        long requests = 0, errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = server };
            for (var n = worker; Stopwatch.GetTimestamp() < until; n += connections)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, ReadPath[n % ReadPath.Length]);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[n / ReadPath.Length % tokens.Length]);
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
}
