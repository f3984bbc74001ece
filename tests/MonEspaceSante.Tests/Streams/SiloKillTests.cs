using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.FaultSilo;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Interfaces.Streams;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace MonEspaceSante.Tests.Streams;

/// <summary>
/// Two silo processes consume durable streams while a producer writes thousands of events; one
/// silo is killed with SIGKILL in the middle. Every acknowledged event must be handled at least
/// once, and exactly once after the consumer's deduplication, in order within its stream.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const int StreamCount = 100;
    private const int EventsPerStream = 100;

    [Fact]
    public async Task Every_acknowledged_event_is_handled_exactly_once_after_deduplication_when_a_silo_is_killed()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("faultkill");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        await using (var schema = dataSource.CreateCommand(FaultProbe.Schema))
        {
            await schema.ExecuteNonQueryAsync();
        }

        var clusterId = $"kill-{Guid.NewGuid():N}";
        var startup = TimeSpan.FromSeconds(90);
        var silos = await Task.WhenAll(
            SiloProcess.StartAsync(connectionString, clusterId, startup),
            SiloProcess.StartAsync(connectionString, clusterId, startup));
        await using var survivor = silos[0];
        await using var victim = silos[1];
        using var client = await FaultClusterClient.StartAsync(connectionString, clusterId);
        var provider = client.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamNames.Provider);

        var acknowledged = new ConcurrentBag<(string Key, int Seq)>();
        var refused = 0;
        var killed = false;

        // Producers hold at 60% until the kill is done: the kill then always lands while thousands of
        // acknowledged events are in flight, and production goes on against the survivor after it.
        var killDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producers = Enumerable.Range(0, StreamCount).Select(async s =>
        {
            var key = $"stream-{s:000}";
            var stream = provider.GetStream<FaultProbeEvent>(StreamId.Create(FaultProbe.Namespace, key));
            for (var seq = 1; seq <= EventsPerStream; seq++)
            {
                if (seq == (EventsPerStream * 6 / 10) + 1)
                {
                    await killDone.Task;
                }

                try
                {
                    await stream.OnNextAsync(new FaultProbeEvent(seq));
                    acknowledged.Add((key, seq));

                    // Paced, so that production is still going on when the silo is killed.
                    await Task.Delay(10);
                }
                catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }).ToList();

        // Kill once a good part is produced, consumers are busy and hundreds of acknowledged events are not applied yet.
        await Eventually.HoldsAsync(async () => acknowledged.Count >= StreamCount * EventsPerStream * 3 / 10
            && await dataSource.CountAsync("SELECT count(*) FROM fault_probe_applied") is var done && done >= 300
            && acknowledged.Count - done >= 400,
            TimeSpan.FromSeconds(120), "production and consumption under way before the kill");
        var appliedAtKill = await dataSource.CountAsync("SELECT count(*) FROM fault_probe_applied");
        var queuedAtKill = await dataSource.CountAsync("SELECT count(*) FROM mes_stream_queue");
        var leasedAtKill = await dataSource.CountAsync("SELECT count(*) FROM mes_stream_queue WHERE visible_at > now()");
        await victim.KillAsync();
        var killedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var acknowledgedAtKill = acknowledged.Count;
        killed = true;
        killDone.SetResult();
        await Task.WhenAll(producers);

        var expected = acknowledged.Count;
        output.WriteLine($"killed with {acknowledgedAtKill} acknowledged and {appliedAtKill} applied: {acknowledgedAtKill - appliedAtKill} events in flight in {queuedAtKill} queue rows ({leasedAtKill} leased); finally acknowledged {expected}, refused {refused}");
        try
        {
            await Eventually.HoldsAsync(async () => await dataSource.CountAsync("SELECT count(*) FROM fault_probe_applied") >= expected,
                TimeSpan.FromSeconds(180), $"all {expected} acknowledged events applied");
        }
        catch (TimeoutException)
        {
            output.WriteLine($"applied {await dataSource.CountAsync("SELECT count(*) FROM fault_probe_applied")}, queued {await dataSource.CountAsync("SELECT count(*) FROM mes_stream_queue")}, leased {await dataSource.CountAsync("SELECT count(*) FROM mes_stream_queue WHERE visible_at > now()")}");
            output.WriteLine("survivor output:\n" + survivor.Output[^Math.Min(survivor.Output.Length, 20000)..]);
            throw;
        }
        await Eventually.HoldsAsync(async () => await dataSource.CountAsync("SELECT count(*) FROM mes_stream_queue") == 0,
            TimeSpan.FromSeconds(60), "the queue drained");

        output.WriteLine($"all applied and the queue drained {System.Diagnostics.Stopwatch.GetElapsedTime(killedAt).TotalSeconds:0.0} s after the kill");
        killed.Should().BeTrue();
        acknowledgedAtKill.Should().BeLessThan(StreamCount * EventsPerStream, "production goes on after the kill");
        leasedAtKill.Should().BeGreaterThan(0, "the kill must hit rows in flight");
        (acknowledgedAtKill - appliedAtKill).Should().BeGreaterThan(300, "hundreds of acknowledged events are in flight at the kill");
        var applied = await ReadAppliedAsync(dataSource);
        var appliedSet = applied.ToHashSet();
        appliedSet.Should().HaveCount(applied.Count, "the consumer applies each event once");
        appliedSet.Except(acknowledged).Should().BeEmpty("only acknowledged events are applied");
        acknowledged.Except(appliedSet).Should().BeEmpty("every acknowledged event is applied");
        applied.Should().HaveCount(expected);
        applied.GroupBy(a => a.Key).Should().AllSatisfy(g => g.Select(a => a.Seq).Should().BeInAscendingOrder("events of {0} keep their order", g.Key));
        var deliveries = await dataSource.CountAsync("SELECT COALESCE(sum(deliveries), 0) FROM fault_probe_deliveries");
        deliveries.Should().BeGreaterThanOrEqualTo(expected);
        (await dataSource.CountAsync("SELECT count(*) FROM mes_stream_dead_letter")).Should().Be(0);
        output.WriteLine($"deliveries {deliveries} for {expected} events: {deliveries - expected} duplicates absorbed by the consumer");

    }

    private static async Task<List<(string Key, int Seq)>> ReadAppliedAsync(NpgsqlDataSource dataSource)
    {
        var rows = new List<(string, int)>();
        await using var command = dataSource.CreateCommand("SELECT stream_key, seq FROM fault_probe_applied ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
