using MonEspaceSante.Grains;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;

namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>What PostgreSQL holds once a wave completed, and whether it is exactly what the wave owed its people.</summary>
public sealed record WaveChecks(
    long Members,
    long Opened,
    long Announcements,
    long AnnouncedPeople,
    long OpenedNotices,
    long OpenedPeople,
    long MembersWithoutAnnouncement,
    long MembersWithoutOpenedNotice,
    long NoticesWithOtherContact,
    long ProfileRows,
    long ProfilesWrittenTwice,
    long MembersWithoutProfile,
    long QueueRowsLeft,
    long DeadLetters,
    long Deadlocks,
    long Rollbacks,
    long MemberUpdates,
    long MemberHotUpdates,
    IReadOnlyDictionary<string, long> TableBytes)
{
    /// <summary>How grain storage keys a person's rows: the grain id, <c>patient/</c> and the patient key.</summary>
    private const string ProfileGrainPrefix = "patient/" + PatientKey.Prefix;

    public bool Exact(long people) =>
        Members == people && Opened == people && Announcements == people && AnnouncedPeople == people
        && OpenedNotices == people && OpenedPeople == people && MembersWithoutAnnouncement == 0 && MembersWithoutOpenedNotice == 0
        && NoticesWithOtherContact == 0 && ProfileRows == people && MembersWithoutProfile == 0 && QueueRowsLeft == 0 && DeadLetters == 0;

    public static async Task<WaveChecks> ReadAsync(NpgsqlDataSource dataSource, string waveId)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT count(*), count(*) FILTER (WHERE outcome = '{MemberOutcome.Opened}') FROM mes_wave_member WHERE wave_id = @wave;
            SELECT count(*) FILTER (WHERE kind = '{NoticeKind.OpeningAnnouncement}'),
                   count(DISTINCT split_part(dedup_key, ':', 3)) FILTER (WHERE kind = '{NoticeKind.OpeningAnnouncement}'),
                   count(*) FILTER (WHERE kind = '{NoticeKind.SpaceOpened}'),
                   count(DISTINCT split_part(dedup_key, ':', 3)) FILTER (WHERE kind = '{NoticeKind.SpaceOpened}')
            FROM mes_outbox WHERE wave_id = @wave;
            SELECT count(*) FILTER (WHERE a.id IS NULL), count(*) FILTER (WHERE o.id IS NULL),
                   count(*) FILTER (WHERE a.email IS DISTINCT FROM m.email OR a.postal_address IS DISTINCT FROM m.postal_address
                                       OR o.email IS DISTINCT FROM m.email OR o.postal_address IS DISTINCT FROM m.postal_address)
            FROM mes_wave_member m
            LEFT JOIN mes_outbox a ON a.dedup_key = 'announce:' || m.wave_id || ':' || m.ins
            LEFT JOIN mes_outbox o ON o.dedup_key = 'opened:' || m.wave_id || ':' || m.ins
            WHERE m.wave_id = @wave;
            SELECT count(*), count(*) FILTER (WHERE s.etag = 2) FROM mes_grain_state s
            JOIN mes_wave_member m ON s.grain_id = @grainPrefix || m.ins
            WHERE m.wave_id = @wave AND s.state_name = @profile;
            SELECT count(*) FROM mes_wave_member m
            WHERE m.wave_id = @wave AND NOT EXISTS (
                SELECT 1 FROM mes_grain_state s WHERE s.grain_id = @grainPrefix || m.ins AND s.state_name = @profile);
            SELECT (SELECT count(*) FROM mes_stream_queue), (SELECT count(*) FROM mes_stream_dead_letter);
            SELECT deadlocks, xact_rollback FROM pg_stat_database WHERE datname = current_database();
            SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'mes_wave_member';
            SELECT relname::text, pg_total_relation_size(oid) FROM pg_class
            WHERE relname IN ('mes_wave_member', 'mes_outbox', 'mes_grain_state', 'mes_stream_queue') ORDER BY relname;
            """);
        command.Parameters.AddWithValue("wave", waveId);
        command.Parameters.AddWithValue("grainPrefix", ProfileGrainPrefix);
        command.Parameters.AddWithValue("profile", StorageNames.PatientProfile);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<long>();
        for (var result = 0; result < 8; result++)
        {
            await reader.ReadAsync();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(reader.GetInt64(i));
            }

            await reader.NextResultAsync();
        }

        var bytes = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            bytes[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new WaveChecks(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8],
            values[9], values[10], values[11], values[12], values[13], values[14], values[15], values[16], values[17], bytes);
    }
}
