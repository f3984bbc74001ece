using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Grains;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;

namespace MonEspaceSante.Tests.Waves;

/// <summary>The outbox and member-row writes of patient grains, grouped into one statement per batch.</summary>
public sealed class EnrollmentEffectsTests : IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;
    private ServiceProvider services = null!;
    private EnrollmentEffects effects = null!;

    public async Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("effects"));
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        services = new ServiceCollection().AddSingleton(dataSource).BuildServiceProvider();
        effects = new EnrollmentEffects(new OwnTables(services));
        await using var members = dataSource.CreateCommand("""
            INSERT INTO mes_wave_member (wave_id, ins, partition, channel, upload_id, line_no)
            SELECT 'w1', 'ins-' || g, 0, 'email', 'u1', g FROM generate_series(0, 299) g
            """);
        await members.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await effects.DisposeAsync();
        await services.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    private static OutboxNotice Announcement(int person) =>
        new($"announce:w1:ins-{person}", NoticeKind.OpeningAnnouncement, NoticeChannel.Email, $"p{person}@example.org", null, "w1", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Notices_and_outcomes_of_many_grains_are_all_written()
    {
        await Task.WhenAll(Enumerable.Range(0, 300).Select(p =>
            effects.RecordAsync([Announcement(p)], new WaveOutcome("w1", $"ins-{p}", MemberOutcome.Notified))));

        (await ScalarAsync("SELECT count(*) FROM mes_outbox WHERE wave_id = 'w1'")).Should().Be(300);
        (await ScalarAsync("SELECT count(*) FROM mes_wave_member WHERE outcome = 'Notified'")).Should().Be(300);
    }

    [Fact]
    public async Task A_notice_already_in_the_outbox_is_not_doubled_and_the_rest_of_its_batch_is_written_even_when_not_announced_as_a_replay()
    {
        await effects.RecordAsync([Announcement(7)], null);

        // Not flagged as replays: the batch's plain insert fails on person 7's notice and is written again, once.
        await Task.WhenAll(Enumerable.Range(0, 300).Select(p =>
            effects.RecordAsync([Announcement(p)], new WaveOutcome("w1", $"ins-{p}", MemberOutcome.Notified))));
        await effects.RecordAsync([Announcement(7)], new WaveOutcome("w1", "ins-7", MemberOutcome.Opened), replay: true);

        (await ScalarAsync("SELECT count(*) FROM mes_outbox WHERE wave_id = 'w1'")).Should().Be(300);
        (await ScalarAsync("SELECT count(DISTINCT dedup_key) FROM mes_outbox")).Should().Be(300);
        (await ScalarAsync("SELECT count(*) FROM mes_wave_member WHERE outcome = 'Notified'")).Should().Be(299);
        (await ScalarAsync("SELECT count(*) FROM mes_wave_member WHERE ins = 'ins-7' AND outcome = 'Opened'")).Should().Be(1);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
