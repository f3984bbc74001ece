using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace MonEspaceSante.Tests.Waves;

/// <summary>
/// A wave fans out over two silo processes; one is killed (SIGKILL) while the notices are being
/// handled, a fresh silo joins, and that one is killed while the spaces are being opened. Every
/// person must end notified once and opened once: no notice lost, none duplicated in the outbox.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class WaveSiloKillTests(ITestOutputHelper output)
{
    private const int People = 6000;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Every_person_is_notified_and_opened_exactly_once_when_silos_are_killed_during_the_fan_out()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("wavekill");
        await using var database = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        var clusterId = $"wavekill-{Guid.NewGuid():N}";
        var startup = TimeSpan.FromSeconds(90);
        var silos = await Task.WhenAll(SiloProcess.StartAsync(connectionString, clusterId, startup), SiloProcess.StartAsync(connectionString, clusterId, startup));
        await using var survivor = silos[0];
        await using var firstVictim = silos[1];
        using var client = await FaultClusterClient.StartAsync(connectionString, clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();

        var waveId = WaveApiFixture.NewWaveId();
        var wave = grains.GetGrain<IWaveGrain>(waveId);
        await wave.CreateAsync(new WaveDefinition("Fault", "31", Window, null));
        var people = Enumerable.Range(0, People).Select(_ => TestIns.Next()).ToList();
        foreach (var (batch, index) in people.Chunk(2000).Select((b, i) => (b, i)))
        {
            var lines = batch.Select((p, i) => new WaveLine((index * 2000) + i + 1, p.Value, i % 3 == 0 ? null : $"p{index}-{i}@example.fr", i % 3 == 0 ? $"{i} rue du Test" : null, null, "31")).ToList();
            (await grains.GetGrain<IWaveUploadGrain>(0).AcceptAsync(new WaveUploadBatch(waveId, "fault", lines, []))).Accepted.Should().Be(batch.Length);
        }

        await wave.LaunchAsync();
        var notifiedAtKill = await KillWhenUnderWayAsync(database, waveId, "Notified", firstVictim, threshold: People / 20);
        await using var secondVictim = await SiloProcess.StartAsync(connectionString, clusterId, startup);
        var notified = await TickUntilAsync(wave, WavePhase.Notified, TimeSpan.FromSeconds(120));
        notified.Outcomes[MemberOutcome.Notified].Should().Be(People);

        // The opening fan-out can be over within the tick that starts it, so the watcher that kills the
        // second silo runs from before that tick and strikes at the first opened space.
        var openingKill = KillWhenUnderWayAsync(database, waveId, "Opened", secondVictim, threshold: 1);
        // The survivor may finish the opening before a tick gets through again after the kill: Completed counts too.
        await TickUntilAsync(wave, WavePhase.Opening, Window + TimeSpan.FromSeconds(90), orLater: true);
        var openedAtKill = await openingKill;
        var completed = await TickUntilAsync(wave, WavePhase.Completed, TimeSpan.FromSeconds(120));
        output.WriteLine($"killed a silo with {notifiedAtKill} of {People} notified, another with {openedAtKill} opened");

        notifiedAtKill.Should().BeInRange(1, People - 1, "the first kill hits the notice fan-out");
        openedAtKill.Should().BeInRange(0, People - 1, "the second kill hits the opening fan-out");
        completed.Outcomes[MemberOutcome.Opened].Should().Be(People);
        completed.Outcomes.Where(o => o.Key != MemberOutcome.Opened).Should().AllSatisfy(o => o.Value.Should().Be(0));
        (await database.CountAsync("SELECT count(*) FROM mes_outbox WHERE wave_id = @wave AND kind = 'OpeningAnnouncement'", ("wave", waveId))).Should().Be(People);
        (await database.CountAsync("SELECT count(*) FROM mes_outbox WHERE wave_id = @wave AND kind = 'SpaceOpened'", ("wave", waveId))).Should().Be(People);
        var byLetter = people.Chunk(2000).Sum(batch => Enumerable.Range(0, batch.Length).Count(i => i % 3 == 0));
        (await database.CountAsync("SELECT count(*) FROM mes_outbox WHERE wave_id = @wave AND channel = 'Letter'", ("wave", waveId))).Should().Be(2 * byLetter, "people without e-mail get letters");
        (await database.CountAsync("SELECT count(*) FROM mes_stream_dead_letter")).Should().Be(0);
        var spaces = await Task.WhenAll(people.Select(p => grains.GetPatient(p).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(p))));
        spaces.Should().AllSatisfy(s =>
        {
            s.Status.Should().Be(EnrollmentStatus.Active);
            s.ActivationMode.Should().Be(ActivationMode.Automatic);
            s.Notice!.WaveId.Should().Be(waveId);
        });
    }

    /// <summary>Kills <paramref name="victim"/> once some, not all, people have the outcome; returns how many had it.</summary>
    private static async Task<long> KillWhenUnderWayAsync(NpgsqlDataSource database, string waveId, string outcome, SiloProcess victim, long threshold)
    {
        var sql = $"SELECT count(*) FROM mes_wave_member WHERE wave_id = @wave AND outcome = '{outcome}'";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        long atKill;
        while ((atKill = await database.CountAsync(sql, ("wave", waveId))) < threshold)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(180))
            {
                throw new TimeoutException($"Timed out waiting for the {outcome} fan-out to be under way");
            }

            await Task.Delay(10);
        }

        await victim.KillAsync();
        return atKill;
    }

    /// <summary>
    /// Ticks as the wave's reminder does until the wave is in <paramref name="phase"/> (or past it, with
    /// <paramref name="orLater"/>); a tick that fails while the cluster notices a dead silo is simply tried again, as the
    /// reminder would.
    /// </summary>
    private static async Task<WaveStatus> TickUntilAsync(IWaveGrain wave, WavePhase phase, TimeSpan timeout, bool orLater = false)
    {
        WaveStatus status = null!;
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                status = await wave.TickAsync();
                return status.Phase == phase || (orLater && status.Phase > phase);
            }
            catch (Exception exception) when (exception is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException)
            {
                return false;
            }
        }, timeout, $"the wave reaching {phase}");
        return status;
    }
}
