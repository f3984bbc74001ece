using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.Benchmarks.Waves;

namespace MonEspaceSante.Benchmarks.Measurements;

/// <summary>
/// Concurrent apps posting transaction Bundles to <c>POST /fhir</c> over HTTP, one shared
/// SocketsHttpHandler (a connection per client), each Bundle for one patient, patients round-robin;
/// stops taking new Bundles after the time limit. An acknowledgement counts only if it is 200 with
/// every entry "201 Created".
/// </summary>
public sealed class CgmSender(Uri baseAddress, string token, IReadOnlyList<string> patients, MeasurementRunOptions options, DateTimeOffset first)
{
    public LatencyRecorder Latency { get; } = new();

    public long Acknowledged => Interlocked.Read(ref acknowledged);

    public long Failed => Interlocked.Read(ref failed);

    public long BundlesSent => Interlocked.Read(ref sent);

    private long acknowledged;
    private long failed;
    private long sent;
    private long next = -1;

    public async Task<double> RunAsync()
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        var started = Stopwatch.GetTimestamp();
        await using (new PhaseProgress("ack", options.Readings, () => Acknowledged, TimeSpan.FromSeconds(5)))
        {
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(() => ClientAsync(http, started))));
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private async Task ClientAsync(HttpClient http, long started)
    {
        long b;
        while (Stopwatch.GetElapsedTime(started) < options.SendLimit && (b = Interlocked.Increment(ref next)) < options.Bundles)
        {
            var body = CgmBundles.Transaction(patients[(int)(b % patients.Count)], b, options.PerBundle, first);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
            var at = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(new Uri("/fhir", UriKind.Relative), content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            Latency.Record(Stopwatch.GetElapsedTime(at));
            Interlocked.Increment(ref sent);
            if (response.StatusCode == HttpStatusCode.OK && CreatedEntries(answer) == options.PerBundle)
            {
                Interlocked.Add(ref acknowledged, options.PerBundle);
            }
            else if (Interlocked.Increment(ref failed) <= 3)
            {
                Console.WriteLine($"  bundle {b}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(answer[..Math.Min(answer.Length, 600)])}");
            }
        }
    }

    private static int CreatedEntries(byte[] answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Count(e => e.TryGetProperty("response", out var r) && r.GetProperty("status").GetString() == "201 Created")
            : 0;
    }
}
