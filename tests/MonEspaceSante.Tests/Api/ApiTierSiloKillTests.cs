using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace MonEspaceSante.Tests.Api;

/// <summary>
/// Two silo processes with production's failure detection and the stateless API tier in front of them; patients write
/// and read their agendas through the API tier while one silo is SIGKILLed. No answer may be a 500, every failure is a
/// 503 with <c>Retry-After</c>, every entry acknowledged with a 201 is there afterwards, and service is back within the
/// target: the killed silo declared dead within 10 s, plus at most one grain call's timeout for the calls caught on it.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ApiTierSiloKillTests(ITestOutputHelper output)
{
    private const int Patients = 8;
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(24);

    [Fact]
    public async Task A_silo_killed_under_load_costs_503s_for_seconds_never_a_500_nor_an_acknowledged_write()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("apikill");
        await using (var database = NpgsqlDataSource.Create(connectionString))
        {
            await new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        }

        var clusterId = $"apikill-{Guid.NewGuid():N}";
        var startup = TimeSpan.FromSeconds(90);
        var silos = await Task.WhenAll(
            SiloProcess.StartAsync(connectionString, clusterId, startup, productionFailureDetection: true),
            SiloProcess.StartAsync(connectionString, clusterId, startup, productionFailureDetection: true));
        await using var survivor = silos[0];
        await using var victim = silos[1];
        await using var api = new ApiFactory
        {
            PostgresConnectionString = connectionString,
            Settings = new Dictionary<string, string>
            {
                ["Mes:Role"] = "Api",
                ["Orleans:ClusterId"] = clusterId,
                ["Orleans:ServiceId"] = "fault-test",
                ["Streams:Postgres:QueueCount"] = "8",
            },
        };
        var people = Enumerable.Range(0, Patients).Select(_ => TestIns.Next()).ToList();
        foreach (var person in people)
        {
            (await api.PatientClient(person).PostAsync("/api/v1/me/activation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var workers = people.Select(p => WorkAsync(api.PatientClient(p), clock, stop.Token)).ToList();
        await Task.Delay(BeforeKill);
        var killedAt = clock.Elapsed;
        await victim.KillAsync();
        var declaredDead = WatchDeathAsync(connectionString, clusterId, victim.SiloPort, clock);
        await Task.Delay(AfterKill);
        await stop.CancelAsync();
        var logs = await Task.WhenAll(workers);
        var deadAfter = await declaredDead - killedAt;

        var answers = logs.SelectMany(l => l.Answers).ToList();
        var failures = answers.Where(a => a.Status != HttpStatusCode.Created && a.Status != HttpStatusCode.OK).ToList();
        // Restored, for one patient: the first answer after the kill to a request sent after it that succeeded, with no
        // failure after it; for the service: the last patient restored.
        var restoredAfter = logs.Max(l => l.RestoredAt(killedAt)) - killedAt;
        var lastFailureSent = failures.Count == 0 ? TimeSpan.Zero : failures.Max(f => f.SentAt) - killedAt;
        var slowest = answers.Where(a => a.SentAt >= killedAt).Max(a => a.Took);
        output.WriteLine($"{answers.Count} answers ({answers.Count(a => a.SentAt < killedAt)} before the kill), {failures.Count} failures "
            + $"({string.Join(", ", failures.GroupBy(f => (int)f.Status).Select(g => $"{g.Count()} × {g.Key}"))}); the killed silo declared dead {deadAfter.TotalSeconds:0.0} s after the kill, every patient served again "
            + $"{restoredAfter.TotalSeconds:0.0} s after the kill; the last failed request was sent {lastFailureSent.TotalSeconds:0.0} s after it, "
            + $"the slowest answer after it took {slowest.TotalSeconds:0.0} s");

        answers.Where(a => a.SentAt < killedAt).Should().NotBeEmpty("the load runs before the kill");
        answers.Where(a => a.SentAt > killedAt + TimeSpan.FromSeconds(18)).Should().NotBeEmpty("and after it");
        deadAfter.Should().BeLessThan(TimeSpan.FromSeconds(10), "membership is tuned to declare a killed silo dead within 10 s");
        failures.Where(f => f.Status != HttpStatusCode.ServiceUnavailable).Should().BeEmpty("a silo out of reach is a 503, never a 500");
        failures.Where(f => !f.RetryAfter || !f.Described).Should().BeEmpty("each 503 says when to retry, in problem details");
        restoredAfter.Should().BeLessThan(TimeSpan.FromSeconds(15), "the dead silo is declared within 10 s, and a call caught on it ends within the 10 s response timeout");
        answers.Where(a => a.SentAt > killedAt + TimeSpan.FromSeconds(18) && a.Status is not (HttpStatusCode.OK or HttpStatusCode.Created))
            .Should().BeEmpty("service is back for every patient");

        var acknowledged = logs.Sum(l => l.Created.Count);
        acknowledged.Should().BeGreaterThan(Patients * 10);
        var missing = 0;
        foreach (var (person, log) in people.Zip(logs))
        {
            // One page holds every entry (a patient adds about 500): reading them one by one would meet the rate limit.
            var page = await api.PatientClient(person).GetAsync("/api/v1/me/agenda?when=upcoming&limit=1000");
            page.StatusCode.Should().Be(HttpStatusCode.OK);
            var stored = (await page.ReadAsAsync<AgendaPage>()).Entries.Select(e => e.Id).ToHashSet();
            missing += log.Created.Count(id => !stored.Contains(id));
        }

        output.WriteLine($"{acknowledged} agenda entries acknowledged with a 201, {missing} missing afterwards");
        missing.Should().Be(0, "an entry acknowledged with a 201 was committed");
    }

    /// <summary>When the membership table first says the silo on <paramref name="siloPort"/> is dead (status 6).</summary>
    private static async Task<TimeSpan> WatchDeathAsync(string connectionString, string clusterId, int siloPort, Stopwatch clock)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        while (clock.Elapsed < BeforeKill + AfterKill)
        {
            var dead = await database.CountAsync(
                "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster AND port = @port AND status = 6", ("cluster", clusterId), ("port", siloPort));
            if (dead > 0)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        return TimeSpan.MaxValue;
    }

    /// <summary>One patient: adds an entry to the agenda, reads the agenda, again, until told to stop.</summary>
    private static async Task<WorkLog> WorkAsync(HttpClient client, Stopwatch clock, CancellationToken stop)
    {
        var log = new WorkLog();
        var start = DateTimeOffset.UtcNow.AddDays(30);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var sentAt = clock.Elapsed;
            var created = await client.PostAsJsonAsync("/api/v1/me/agenda", new { title = $"Visit {n}", start = start.AddMinutes(n).ToString("O", System.Globalization.CultureInfo.InvariantCulture) }, CancellationToken.None);
            await log.RecordAsync(created, sentAt, clock);
            if (created.StatusCode == HttpStatusCode.Created)
            {
                log.Created.Add((await created.ReadAsAsync<AgendaEntry>()).Id);
            }

            sentAt = clock.Elapsed;
            await log.RecordAsync(await client.GetAsync("/api/v1/me/agenda?when=upcoming", CancellationToken.None), sentAt, clock);
            await Task.Delay(50, CancellationToken.None);
        }

        return log;
    }

    private sealed record Answer(TimeSpan SentAt, TimeSpan Took, HttpStatusCode Status, bool RetryAfter, bool Described);

    private sealed class WorkLog
    {
        public List<Answer> Answers { get; } = [];

        public List<string> Created { get; } = [];

        public async Task RecordAsync(HttpResponseMessage response, TimeSpan sentAt, Stopwatch clock)
        {
            var described = response.IsSuccessStatusCode
                || (response.Content.Headers.ContentType?.MediaType == "application/problem+json" && (await response.Content.ReadAsStringAsync()).Contains("\"detail\"", StringComparison.Ordinal));
            Answers.Add(new Answer(sentAt, clock.Elapsed - sentAt, response.StatusCode, response.Headers.RetryAfter is not null, described));
        }

        public TimeSpan RestoredAt(TimeSpan killedAt)
        {
            var lastFailure = Answers.Where(a => a.SentAt >= killedAt && !Succeeded(a)).Select(a => a.SentAt).DefaultIfEmpty(killedAt).Max();
            return Answers.Where(a => a.SentAt >= lastFailure && Succeeded(a)).Select(a => a.SentAt + a.Took).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        }

        private static bool Succeeded(Answer answer) => answer.Status is HttpStatusCode.OK or HttpStatusCode.Created;
    }
}
