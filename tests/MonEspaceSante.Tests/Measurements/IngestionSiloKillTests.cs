using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Api.Measurements;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Interfaces.Catalogue;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>
/// Apps post readings through the ingestion path of the API (consent check, then commit to the
/// durable stream) while one of two silo processes is killed (SIGKILL). Every acknowledged reading
/// must end in the time series exactly once.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class IngestionSiloKillTests(ITestOutputHelper output)
{
    private const int People = 100;
    private const int Posts = 600;
    private const int ReadingsPerPost = 20;

    [Fact]
    public async Task Every_acknowledged_reading_is_stored_exactly_once_when_a_silo_is_killed()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("ingestkill");
        await using var database = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        var clusterId = $"ingestkill-{Guid.NewGuid():N}";
        var startup = TimeSpan.FromSeconds(90);
        var silos = await Task.WhenAll(SiloProcess.StartAsync(connectionString, clusterId, startup), SiloProcess.StartAsync(connectionString, clusterId, startup));
        await using var survivor = silos[0];
        await using var victim = silos[1];
        using var client = await FaultClusterClient.StartAsync(connectionString, clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var people = Enumerable.Range(0, People).Select(_ => TestIns.Next()).ToList();
        await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).ReferenceAsync("cgm", "CGM", "Test", [Scopes.WriteMeasurements(MeasureType.Glucose)]);
        await Task.WhenAll(people.Select(async p =>
        {
            await grains.GetPatient(p).ActivateAsync(MonEspaceSante.Tests.Facets.Callers.Holder(p));
            await grains.GetGrain<IPatientConsentsGrain>(PatientKey.From(p)).GrantAsync(MonEspaceSante.Tests.Facets.Callers.Holder(p), "cgm", [Scopes.WriteMeasurements(MeasureType.Glucose)]);
        }));

        var ingestion = new ReadingIngestion(grains);
        var acknowledged = new ConcurrentBag<(string Ins, string Key)>();
        var failedPosts = 0;
        var killDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var posted = 0;
        var posters = Enumerable.Range(0, 8).Select(async worker =>
        {
            int post;
            while ((post = Interlocked.Increment(ref posted)) <= Posts)
            {
                if (post == Posts / 2)
                {
                    await killDone.Task;
                }

                var batch = Enumerable.Range(0, ReadingsPerPost).Select(i =>
                {
                    var person = people[(post + i) % People];
                    var reading = new Reading("cgm", $"id:fault|{post}-{i}", MeasureType.Glucose, "2345-7", start.AddMinutes((post * ReadingsPerPost) + i), 100 + i, null, "mg/dL", "cgm-1");
                    return (person, reading);
                }).ToList();
                try
                {
                    var outcomes = await ingestion.IngestAsync(new MonEspaceSante.Interfaces.Access.Accessor(MonEspaceSante.Interfaces.Access.AccessorRole.App, "cgm", "fhir"), batch);
                    outcomes.Should().OnlyContain(o => o == IngestOutcome.Accepted);
                    foreach (var (person, reading) in batch)
                    {
                        acknowledged.Add((person.Value, reading.ReadingKey));
                    }
                }
                catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
                {
                    // Not acknowledged: the app would retry. It may or may not have been stored.
                    Interlocked.Increment(ref failedPosts);
                }
            }
        }).ToList();

        await Eventually.HoldsAsync(() => acknowledged.Count >= Posts * ReadingsPerPost / 4, TimeSpan.FromSeconds(120), "posting under way");
        var storedAtKill = await database.CountAsync("SELECT count(*) FROM mes_measurement");
        var acknowledgedAtKill = acknowledged.Count;
        await victim.KillAsync();
        killDone.SetResult();
        await Task.WhenAll(posters);
        var expected = acknowledged.ToHashSet();
        output.WriteLine($"killed with {acknowledgedAtKill} acknowledged and {storedAtKill} stored; finally {expected.Count} acknowledged, {failedPosts} posts refused");

        await Eventually.HoldsAsync(async () => (await StoredAsync(database)).IsSupersetOf(expected), TimeSpan.FromSeconds(180), "every acknowledged reading stored");
        var stored = await StoredAsync(database);
        (acknowledgedAtKill - storedAtKill).Should().BeGreaterThan(0, "readings are in flight at the kill");
        expected.Should().HaveCount(acknowledged.Count, "each reading is acknowledged once");
        expected.Except(stored).Should().BeEmpty("every acknowledged reading is stored");
        (await database.CountAsync("SELECT count(*) FROM mes_measurement")).Should().Be(stored.Count, "no reading is stored twice");
        stored.Count.Should().BeLessThanOrEqualTo(Posts * ReadingsPerPost);
        (await database.CountAsync("SELECT count(*) FROM mes_stream_dead_letter")).Should().Be(0);
    }

    private static async Task<HashSet<(string, string)>> StoredAsync(NpgsqlDataSource database)
    {
        var rows = new HashSet<(string, string)>();
        await using var command = database.CreateCommand("SELECT ins, reading_key FROM mes_measurement");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
