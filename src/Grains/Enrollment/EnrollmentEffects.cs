using MonEspaceSante.Grains.Storage;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>A notice to put in the outbox; <see cref="DedupKey"/> makes it exactly-once.</summary>
public sealed record OutboxNotice(string DedupKey, NoticeKind Kind, NoticeChannel Channel, string? Email, string? PostalAddress, string? WaveId, DateTimeOffset? Deadline);

/// <summary>
/// What patient grains record outside their state during a wave: notices in the outbox, and their
/// outcome on the wave's member row. Writes of many grains are grouped per statement; both are
/// idempotent, so a replayed event changes nothing.
/// </summary>
public sealed class EnrollmentEffects : IAsyncDisposable
{
    private const string InsertNotices = """
        INSERT INTO mes_outbox (dedup_key, kind, channel, email, postal_address, wave_id, deadline)
        SELECT * FROM unnest(@keys, @kinds, @channels, @emails, @postals, @waves, @deadlines)
        ON CONFLICT (dedup_key) DO NOTHING
        """;

    private const string UpdateOutcomes = """
        UPDATE mes_wave_member m SET outcome = i.outcome, outcome_at = now()
        FROM unnest(@waves, @ins, @outcomes) AS i(wave_id, ins, outcome)
        WHERE m.wave_id = i.wave_id AND m.ins = i.ins AND m.outcome IS DISTINCT FROM i.outcome
        """;

    private readonly OwnTables tables;
    private readonly GroupCommit<PendingNotice> notices;
    private readonly GroupCommit<PendingOutcome> outcomes;

    public EnrollmentEffects(OwnTables tables)
    {
        this.tables = tables;
        notices = new GroupCommit<PendingNotice>(2, 2000, n => n.Notice.DedupKey.GetHashCode(StringComparison.Ordinal), WriteNoticesAsync);
        outcomes = new GroupCommit<PendingOutcome>(2, 2000, o => o.Ins.GetHashCode(StringComparison.Ordinal), WriteOutcomesAsync);
    }

    public Task RecordNoticeAsync(OutboxNotice notice)
    {
        var pending = new PendingNotice(notice);
        notices.Enqueue(pending);
        return pending.Done.Task;
    }

    public Task RecordOutcomeAsync(string waveId, string ins, MemberOutcome outcome)
    {
        var pending = new PendingOutcome(waveId, ins, outcome);
        outcomes.Enqueue(pending);
        return pending.Done.Task;
    }

    private NpgsqlDataSource Tables => tables.For("Waves and notices");

    private async Task WriteNoticesAsync(List<PendingNotice> batch)
    {
        await using var command = Tables.CreateCommand(InsertNotices);
        command.Parameters.AddWithValue("keys", batch.Select(n => n.Notice.DedupKey).ToArray());
        command.Parameters.AddWithValue("kinds", batch.Select(n => n.Notice.Kind.ToString()).ToArray());
        command.Parameters.AddWithValue("channels", batch.Select(n => n.Notice.Channel.ToString()).ToArray());
        command.Parameters.Add(Nullable("emails", NpgsqlDbType.Text, batch.Select(n => (object?)n.Notice.Email)));
        command.Parameters.Add(Nullable("postals", NpgsqlDbType.Text, batch.Select(n => (object?)n.Notice.PostalAddress)));
        command.Parameters.Add(Nullable("waves", NpgsqlDbType.Text, batch.Select(n => (object?)n.Notice.WaveId)));
        command.Parameters.Add(Nullable("deadlines", NpgsqlDbType.TimestampTz, batch.Select(n => (object?)n.Notice.Deadline)));
        await command.ExecuteNonQueryAsync();
        foreach (var notice in batch)
        {
            notice.Done.TrySetResult();
        }
    }

    private async Task WriteOutcomesAsync(List<PendingOutcome> batch)
    {
        await using var command = Tables.CreateCommand(UpdateOutcomes);
        command.Parameters.AddWithValue("waves", batch.Select(o => o.WaveId).ToArray());
        command.Parameters.AddWithValue("ins", batch.Select(o => o.Ins).ToArray());
        command.Parameters.AddWithValue("outcomes", batch.Select(o => o.Outcome.ToString()).ToArray());
        await command.ExecuteNonQueryAsync();
        foreach (var outcome in batch)
        {
            outcome.Done.TrySetResult();
        }
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, IEnumerable<object?> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.Select(v => v ?? DBNull.Value).ToArray() };

    public async ValueTask DisposeAsync()
    {
        await notices.DisposeAsync();
        await outcomes.DisposeAsync();
    }

    private sealed class PendingNotice(OutboxNotice notice) : GroupCommitItem
    {
        public OutboxNotice Notice => notice;
    }

    private sealed class PendingOutcome(string waveId, string ins, MemberOutcome outcome) : GroupCommitItem
    {
        public string WaveId => waveId;

        public string Ins => ins;

        public MemberOutcome Outcome => outcome;
    }
}
