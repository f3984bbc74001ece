using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.Benchmarks.Waves;
using MonEspaceSante.EmbeddedPostgres;
using MonEspaceSante.Interfaces.Catalogue;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;

namespace MonEspaceSante.Benchmarks.Soak;

/// <summary>
/// Mixed traffic of every kind of caller through the stateless API tier in front of two silo processes, while one silo
/// is SIGKILLed and restarted, then the other: requests served, 429s, 503s and 500s, acknowledged writes lost, and the
/// latency p99 before, during and after each kill (the p99 before the first kill is the baseline of the same run).
/// </summary>
public static class SoakBenchmark
{
    public const string AppId = "soak-app";
    public const string Loinc = "2345-7";
    public const string IdentifierSystem = "urn:soak";
    private static readonly TimeSpan KillWindow = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(int patientCount, TimeSpan phase)
    {
        await using var server = await ThrowawayPostgres.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync("soak");
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_gcServer"] = "0",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Orleans:ClusterId"] = "soak",
            ["Orleans:ServiceId"] = "soak",
            ["Postgres:OrleansPoolSize"] = "15",
            ["Postgres:DataPoolSize"] = "15",
            ["Mes:InsHashKey"] = "benchmark-only-ins-hash-key",
            ["SignIn:DevelopmentKeysFile"] = Path.Combine(server.DataDirectory, "..", "soak-signin-keys.json"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MonEspaceSante"] = "Warning",
            ["Logging:LogLevel:Orleans.Runtime.Silo"] = "Warning",
        };
        var startup = TimeSpan.FromSeconds(120);
        var clock = Stopwatch.StartNew();
        var silos = new SiloHostProcess[2];
        silos[0] = await SiloHostProcess.StartAsync("silo-1", settings, startup);
        silos[1] = await SiloHostProcess.StartAsync("silo-2", settings, startup);
        Console.WriteLine($"two silos ready in {clock.Elapsed.TotalSeconds:0.0} s");
        try
        {
            await using var api = await SoakApi.StartAsync(settings);
            var people = await PrepareAsync(api.Client, patientCount);
            var load = new SoakLoad(api, people);
            Console.WriteLine($"{people.Count} people ready; load for {5 * phase.TotalSeconds:0} s, silo-2 killed at {phase.TotalSeconds:0} s, silo-1 at {3 * phase.TotalSeconds:0} s");

            var running = load.RunAsync();
            var kills = new List<(string Silo, TimeSpan KilledAt, TimeSpan RestartedAt)>();
            foreach (var (victim, index) in new[] { (1, 0), (0, 1) })
            {
                await load.WaitUntilAsync(phase * (1 + (2 * index)));
                var killedAt = load.Elapsed;
                await silos[victim].KillAsync();
                Console.WriteLine($"{load.Elapsed.TotalSeconds,6:0.0} s  {silos[victim].Name} killed");
                await load.WaitUntilAsync(phase * (2 + (2 * index)));
                await silos[victim].DisposeAsync();
                silos[victim] = await SiloHostProcess.StartAsync(silos[victim].Name, settings, startup);
                Console.WriteLine($"{load.Elapsed.TotalSeconds,6:0.0} s  {silos[victim].Name} restarted and ready");
                kills.Add((silos[victim].Name, killedAt, load.Elapsed));
            }

            await load.WaitUntilAsync(phase * 5);
            await load.StopAsync();
            await running;
            var lost = await load.LostAsync(api.Data, TimeSpan.FromSeconds(90));
            Report(load, kills, lost, phase, patientCount);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task<IReadOnlyList<Ins>> PrepareAsync(IClusterClient grains, int count)
    {
        IReadOnlyList<string> scopes = [Scopes.WriteMeasurements(MeasureType.Glucose), Scopes.ReadMeasurements(MeasureType.Glucose)];
        await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).ReferenceAsync(AppId, "Soak app", "Benchmark", scopes);
        var people = Enumerable.Range(0, count).Select(n => Ins.Parse(SyntheticPeople.Of(900_000 + n).Ins)).ToList();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (ins, _) =>
        {
            await grains.GetPatient(ins).ActivateAsync(new MonEspaceSante.Interfaces.Access.Accessor(MonEspaceSante.Interfaces.Access.AccessorRole.Patient, ins.Value, "bench"));
            await grains.GetGrain<IPatientConsentsGrain>(PatientKey.From(ins)).GrantAsync(new MonEspaceSante.Interfaces.Access.Accessor(MonEspaceSante.Interfaces.Access.AccessorRole.Patient, ins.Value, "bench"), AppId, scopes);
        });
        return people;
    }

    private static void Report(SoakLoad load, List<(string Silo, TimeSpan KilledAt, TimeSpan RestartedAt)> kills, SoakLoss lost, TimeSpan phase, int patients)
    {
        var answers = load.Answers;
        var table = new ResultTable($"Soak: {patients} patients, apps, professionals, an operator, an abuser and invalid requests through the API tier; two silos, each killed once and restarted");
        table.Add("requests answered", answers.Count, "", $"{answers.Count / (5 * phase.TotalSeconds):0} per second over {5 * phase.TotalSeconds:0} s");
        table.Add("served (2xx)", answers.Count(a => a.Status is >= 200 and < 300), "");
        table.Add("refused as invalid (400, 401, 404, 413)", answers.Count(a => a.Status is 400 or 401 or 404 or 413), "", "the invalid requests mixed in: each must be refused");
        table.Add("invalid requests not refused", answers.Count(a => a.Kind == SoakKind.Invalid && a.Status is < 400 or >= 500), "", "must be 0");
        table.Add("429 (rate limited)", answers.Count(a => a.Status == 429), "", $"{answers.Count(a => a.Status == 429 && a.Kind == SoakKind.Abuser)} of them the abusive professional's");
        table.Add("503 (silo or database out of reach)", answers.Count(a => a.Status == 503), "");
        table.Add("500 and other 5xx", answers.Count(a => a.Status >= 500 && a.Status != 503), "", "must be 0");
        table.Add("transport failures (no answer)", answers.Count(a => a.Status == 0), "", "must be 0");
        table.Add("agenda entries acknowledged (201)", lost.AgendaAcknowledged, "", $"{lost.AgendaMissing} missing afterwards (must be 0)");
        table.Add("readings acknowledged (201)", lost.ReadingsAcknowledged, "", $"{lost.ReadingsMissing} not stored 90 s after the load (must be 0)");
        var windows = new List<(string Name, TimeSpan From, TimeSpan To)> { ("before the kills (baseline)", TimeSpan.Zero, kills[0].KilledAt) };
        for (var i = 0; i < kills.Count; i++)
        {
            var (silo, killedAt, restartedAt) = kills[i];
            var next = i + 1 < kills.Count ? kills[i + 1].KilledAt : TimeSpan.MaxValue;
            windows.Add(($"{KillWindow.TotalSeconds:0} s after {silo} killed", killedAt, killedAt + KillWindow));
            windows.Add(($"from then to {(i + 1 < kills.Count ? "the next kill" : "the end")} ({silo} back after {(restartedAt - killedAt).TotalSeconds:0} s)", killedAt + KillWindow, next));
            // A request in flight when the next silo is killed is that kill's, not this one's.
            var failures = answers.Where(a => a.SentAt >= killedAt && a.SentAt + a.Took < next && a.Status is 503 or 0 or >= 500).ToList();
            table.Add($"{silo}: last failure answered after the kill", failures.Count == 0 ? 0 : (failures.Max(f => f.SentAt + f.Took) - killedAt).TotalSeconds, "s",
                $"{failures.Count} failed requests, the last one sent {(failures.Count == 0 ? 0 : (failures.Max(f => f.SentAt) - killedAt).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)} s after the kill");
        }

        foreach (var (name, from, to) in windows)
        {
            var latencies = new LatencyRecorder();
            var inWindow = answers.Where(a => a.SentAt >= from && a.SentAt < to && a.Kind is not (SoakKind.Abuser or SoakKind.Invalid)).ToList();
            inWindow.ForEach(a => latencies.Record(a.Took));
            table.Add($"p99 latency, {name}", latencies.PercentileMilliseconds(99), "ms",
                $"p50 {latencies.PercentileMilliseconds(50).ToString("0.#", CultureInfo.InvariantCulture)} ms over {inWindow.Count} requests");
        }

        table.Print();
    }
}

/// <summary>The kinds of caller the soak mixes.</summary>
public enum SoakKind
{
    Patient,
    App,
    Professional,
    Operator,
    Abuser,
    Invalid,
}

/// <summary>One answer: when its request was sent (from the start of the load), how long it took, its status (0 when none came).</summary>
public readonly record struct SoakAnswer(SoakKind Kind, TimeSpan SentAt, TimeSpan Took, int Status);

/// <summary>What was acknowledged and what is missing afterwards.</summary>
public sealed record SoakLoss(long AgendaAcknowledged, long AgendaMissing, long ReadingsAcknowledged, long ReadingsMissing);

/// <summary>The callers' loops, each recording every answer.</summary>
public sealed class SoakLoad(SoakApi api, IReadOnlyList<Ins> people)
{
    private readonly Stopwatch clock = new();
    private readonly ConcurrentQueue<SoakAnswer> answers = new();
    private readonly ConcurrentBag<(Ins Person, string Id)> agenda = [];
    private readonly ConcurrentBag<string> readings = [];
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<(string Role, string Subject), string> tokens = new();
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    private long readingSeq;

    public TimeSpan Elapsed => clock.Elapsed;

    public IReadOnlyList<SoakAnswer> Answers => [.. answers];

    public Task RunAsync()
    {
        clock.Start();
        var loops = new List<Task>();
        loops.AddRange(people.Take(16).Select(p => Loop(n => PatientStepAsync(p, Token(MesRoles.Patient, p.Value), n))));
        loops.AddRange(Enumerable.Range(0, 8).Select(_ => Loop(_ => AppStepAsync(Token(MesRoles.App, AppIdOf)))));
        loops.AddRange(Enumerable.Range(0, 8).Select(i => Loop(n => ProfessionalStepAsync($"1000{i:D7}", n))));
        loops.Add(Loop(_ => SendAsync(SoakKind.Operator, Get("/api/v1/waves", Token(MesRoles.Operator, "soak-operator"))), pause: 200));
        // One professional reading on 4 connections with no think time worth the name: far past the 20 reads per second a professional gets.
        loops.AddRange(Enumerable.Range(0, 4).Select(_ => Loop(_ => SendAsync(SoakKind.Abuser, Professional("10009999999", $"/fhir/Observation?patient={people[0].Value}")), pause: 5)));
        loops.Add(Loop(InvalidStepAsync, pause: 50));
        return Task.WhenAll(loops);
    }

    private const string AppIdOf = SoakBenchmark.AppId;
    private const string Loinc = SoakBenchmark.Loinc;
    private const string IdentifierSystem = SoakBenchmark.IdentifierSystem;

    public async Task WaitUntilAsync(TimeSpan at)
    {
        var left = at - clock.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }

    public Task StopAsync() => stop.CancelAsync();

    /// <summary>One token per caller for the whole run, as a client keeps its access token.</summary>
    private string Token(string role, string subject) =>
        tokens.GetOrAdd((role, subject), k => api.Tokens.Issue(k.Role, k.Subject, TimeSpan.FromHours(2), profession: k.Role == MesRoles.Professional ? "10" : null).Token);

    private async Task Loop(Func<long, Task> step, int pause = 20)
    {
        // Each caller runs on the thread pool from the start: the loops' first steps do not run inline one after another.
        await Task.Yield();
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            await step(n);
            if (pause > 0)
            {
                await Task.Delay(pause);
            }
        }
    }

    private async Task PatientStepAsync(Ins person, string token, long n)
    {
        var start = DateTimeOffset.UtcNow.AddDays(30).AddMinutes(n);
        var body = $$"""{"title":"Soak visit {{n}}","start":"{{start.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}}"}""";
        var created = await SendAsync(SoakKind.Patient, With(HttpMethod.Post, "/api/v1/me/agenda", token, body, "application/json"));
        if (created.Status == 201 && created.Body is { } json && ReadId(json) is { } id)
        {
            agenda.Add((person, id));
        }

        await SendAsync(SoakKind.Patient, Get("/api/v1/me/agenda?when=upcoming", token));
        if (n % 4 == 0)
        {
            await SendAsync(SoakKind.Patient, Get("/api/v1/me", token));
        }
    }

    private async Task AppStepAsync(string token)
    {
        var seq = Interlocked.Increment(ref readingSeq);
        var person = people[(int)(seq % people.Count)];
        var identifier = $"r{seq}";
        var at = DateTimeOffset.UtcNow.AddSeconds(-seq % 86_400);
        var body = $$$"""{"resourceType":"Observation","identifier":[{"system":"{{{IdentifierSystem}}}","value":"{{{identifier}}}"}],"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"{{{Loinc}}}"}]},"subject":{"identifier":{"system":"{{{IdentifierSystems.InsNir}}}","value":"{{{person.Value}}}"}},"effectiveDateTime":"{{{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}}","valueQuantity":{"value":{{{90 + (seq % 60)}}},"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}}""";
        var answer = await SendAsync(SoakKind.App, With(HttpMethod.Post, "/fhir/Observation", token, body, "application/fhir+json"));
        if (answer.Status == 201)
        {
            readings.Add($"id:{IdentifierSystem}|{identifier}");
        }
    }

    private Task ProfessionalStepAsync(string rpps, long n) =>
        SendAsync(SoakKind.Professional, Professional(rpps, $"/fhir/Observation?patient={people[(int)(n % people.Count)].Value}&code=http://loinc.org|{Loinc}&_count=20"));

    private Task InvalidStepAsync(long n) => (n % 4) switch
    {
        0 => SendAsync(SoakKind.Invalid, With(HttpMethod.Post, "/fhir/Observation", Token(MesRoles.App, AppIdOf), """{"resourceType":"Observation","status":""", "application/fhir+json")),
        1 => SendAsync(SoakKind.Invalid, Professional("10008888888", "/fhir/Observation?patient=1234")),
        2 => SendAsync(SoakKind.Invalid, new HttpRequestMessage(HttpMethod.Get, "/api/v1/me")),
        _ => SendAsync(SoakKind.Invalid, With(HttpMethod.Post, "/api/v1/me/agenda", Token(MesRoles.Patient, people[0].Value), "{\"title\":", "application/json")),
    };

    private HttpRequestMessage Professional(string rpps, string path)
    {
        var request = Get(path, Token(MesRoles.Professional, rpps));
        request.Headers.Add(Caller.CareRelationshipHeader, Caller.CareDeclared);
        return request;
    }

    private static HttpRequestMessage Get(string path, string token) => With(HttpMethod.Get, path, token, null, null);

    private static HttpRequestMessage With(HttpMethod method, string path, string token, string? body, string? mediaType)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType!);
        }

        return request;
    }

    private async Task<(int Status, string? Body)> SendAsync(SoakKind kind, HttpRequestMessage request)
    {
        var sentAt = clock.Elapsed;
        var status = 0;
        string? body = null;
        try
        {
            using var response = await http.SendAsync(request, CancellationToken.None);
            status = (int)response.StatusCode;
            body = status == 201 ? await response.Content.ReadAsStringAsync() : null;
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        finally
        {
            request.Dispose();
        }

        answers.Enqueue(new SoakAnswer(kind, sentAt, clock.Elapsed - sentAt, status));
        return (status, body);
    }

    private static string? ReadId(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
    }

    /// <summary>Every acknowledged agenda entry read back, every acknowledged reading looked for in the time series.</summary>
    public async Task<SoakLoss> LostAsync(NpgsqlDataSource data, TimeSpan patience)
    {
        long agendaMissing = 0;
        foreach (var (person, id) in agenda)
        {
            // Missing means a 404: a 429 (the patient's own read limit, met by this check) or a 503 is asked again.
            while (true)
            {
                using var response = await http.SendAsync(Get($"/api/v1/me/agenda/{id}", Token(MesRoles.Patient, person.Value)));
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                    continue;
                }

                agendaMissing += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
                break;
            }
        }

        var acknowledged = readings.ToArray();
        var deadline = Stopwatch.StartNew();
        long missing;
        do
        {
            await using var command = data.CreateCommand("SELECT count(*) FROM unnest(@keys) AS k(key) WHERE NOT EXISTS (SELECT 1 FROM mes_measurement m WHERE m.app_id = @app AND m.reading_key = k.key)");
            command.Parameters.AddWithValue("keys", acknowledged);
            command.Parameters.AddWithValue("app", AppIdOf);
            missing = (long)(await command.ExecuteScalarAsync())!;
            if (missing > 0)
            {
                await Task.Delay(1000);
            }
        }
        while (missing > 0 && deadline.Elapsed < patience);

        return new SoakLoss(agenda.Count, agendaMissing, acknowledged.Length, missing);
    }
}
