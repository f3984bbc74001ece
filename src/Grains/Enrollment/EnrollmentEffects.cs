using System.Globalization;
using MonEspaceSante.Postgres.Batching;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>
/// A notice to put in the outbox; <see cref="DedupKey"/> makes it exactly-once. It names its recipient: the address of its
/// channel (e-mail, postal address, <see cref="Mobile"/>, or <see cref="PushTokens"/> as a JSON array), and the name a
/// letter needs. <see cref="PersonKey"/> is whose notice it is (the INS's keyed hash, as logs mask it), for erasure only. <see cref="Details"/>: what an access digest lists.
/// </summary>
public sealed record OutboxNotice(string DedupKey, NoticeKind Kind, NoticeChannel Channel, string? Email, string? PostalAddress, string? WaveId, DateTimeOffset? Deadline)
{
    public string? PersonKey { get; init; }

    public string? RecipientName { get; init; }

    public string? Mobile { get; init; }

    public string? PushTokens { get; init; }

    public string? Details { get; init; }
}

/// <summary>The outcome of a wave's event for one person, for the wave's member row.</summary>
public sealed record WaveOutcome(string WaveId, string Ins, MemberOutcome Outcome);

/// <summary>
/// What patient grains record outside their state during a wave: notices in the outbox, and their
/// outcome on the wave's member row. A grain hands both in one call; the calls of many grains are
/// written by one statement per batch (both tables, one commit). Both writes are idempotent, so a
/// replayed event changes nothing.
/// </summary>
public sealed class EnrollmentEffects : IAsyncDisposable
{
    // Both writes in one statement: a data-modifying CTE runs whatever the main statement does. New
    // notices are inserted without ON CONFLICT (see UniqueViolation); replays, where notices are
    // likely there already, go straight to ON CONFLICT DO NOTHING.
    private const string WriteEffects = """
        WITH notices AS (
            INSERT INTO mes_outbox (dedup_key, kind, channel, email, postal_address, wave_id, deadline, person_key, recipient_name, mobile, push_tokens, details)
            SELECT * FROM unnest(@keys, @kinds, @channels, @emails, @postals, @waves, @deadlines, @owners, @names, @mobiles, @pushes, @details)
            {0}
        )
        UPDATE mes_wave_member m SET outcome = i.outcome, outcome_at = now()
        FROM unnest(@outcomeWaves, @ins, @outcomes) AS i(wave_id, ins, outcome)
        WHERE m.wave_id = i.wave_id AND m.ins = i.ins AND m.outcome IS DISTINCT FROM i.outcome
        """;

    private static readonly string WriteNewEffects = string.Format(CultureInfo.InvariantCulture, WriteEffects, string.Empty);

    private static readonly string WriteEffectsOnce = string.Format(CultureInfo.InvariantCulture, WriteEffects, "ON CONFLICT (dedup_key) DO NOTHING");

    private readonly OwnTables tables;
    private readonly GroupCommit<PendingEffects> pending;

    public EnrollmentEffects(OwnTables tables)
    {
        this.tables = tables;
        pending = new GroupCommit<PendingEffects>(2, 2000, e => e.LaneKey.GetHashCode(StringComparison.Ordinal), WriteAsync);
    }

    public Task RecordNoticeAsync(OutboxNotice notice) => RecordAsync([notice], null);

    /// <summary>
    /// Records <paramref name="notices"/> and <paramref name="outcome"/> together; completes once both
    /// are committed. <paramref name="replay"/>: the effects of an event applied before, whose notices
    /// are likely in the outbox already.
    /// </summary>
    public Task RecordAsync(IReadOnlyList<OutboxNotice> notices, WaveOutcome? outcome, bool replay = false)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0 && outcome is null)
        {
            return Task.CompletedTask;
        }

        var item = new PendingEffects(notices, outcome, replay);
        pending.Enqueue(item);
        return item.Done.Task;
    }

    private NpgsqlDataSource Tables => tables.For("Waves and notices");

    private async Task WriteAsync(List<PendingEffects> batch)
    {
        var notices = batch.SelectMany(e => e.Notices).ToList();
        var outcomes = batch.Where(e => e.Outcome is not null).Select(e => e.Outcome!).ToList();
        if (notices.Count > 0 && !batch.Any(e => e.Replay))
        {
            await UniqueViolation.PlainFirstAsync(() => ExecuteAsync(WriteNewEffects, notices, outcomes), () => ExecuteAsync(WriteEffectsOnce, notices, outcomes));
        }
        else
        {
            await ExecuteAsync(WriteEffectsOnce, notices, outcomes);
        }

        foreach (var effects in batch)
        {
            effects.Done.TrySetResult();
        }
    }

    private async Task ExecuteAsync(string sql, List<OutboxNotice> notices, List<WaveOutcome> outcomes)
    {
        await using var command = Tables.CreateCommand(sql);
        command.Parameters.AddWithValue("keys", notices.Select(n => n.DedupKey).ToArray());
        command.Parameters.AddWithValue("kinds", notices.Select(n => n.Kind.ToString()).ToArray());
        command.Parameters.AddWithValue("channels", notices.Select(n => n.Channel.ToString()).ToArray());
        command.Parameters.Add(Nullable("emails", NpgsqlDbType.Text, notices.Select(n => (object?)n.Email)));
        command.Parameters.Add(Nullable("postals", NpgsqlDbType.Text, notices.Select(n => (object?)n.PostalAddress)));
        command.Parameters.Add(Nullable("waves", NpgsqlDbType.Text, notices.Select(n => (object?)n.WaveId)));
        command.Parameters.Add(Nullable("deadlines", NpgsqlDbType.TimestampTz, notices.Select(n => (object?)n.Deadline)));
        command.Parameters.Add(Nullable("owners", NpgsqlDbType.Text, notices.Select(n => (object?)n.PersonKey)));
        command.Parameters.Add(Nullable("names", NpgsqlDbType.Text, notices.Select(n => (object?)n.RecipientName)));
        command.Parameters.Add(Nullable("mobiles", NpgsqlDbType.Text, notices.Select(n => (object?)n.Mobile)));
        command.Parameters.Add(Nullable("pushes", NpgsqlDbType.Jsonb, notices.Select(n => (object?)n.PushTokens)));
        command.Parameters.Add(Nullable("details", NpgsqlDbType.Jsonb, notices.Select(n => (object?)n.Details)));
        command.Parameters.AddWithValue("outcomeWaves", outcomes.Select(o => o.WaveId).ToArray());
        command.Parameters.AddWithValue("ins", outcomes.Select(o => o.Ins).ToArray());
        command.Parameters.AddWithValue("outcomes", outcomes.Select(o => o.Outcome.ToString()).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, IEnumerable<object?> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.Select(v => v ?? DBNull.Value).ToArray() };

    public ValueTask DisposeAsync() => pending.DisposeAsync();

    private sealed class PendingEffects(IReadOnlyList<OutboxNotice> notices, WaveOutcome? outcome, bool replay) : GroupCommitItem
    {
        public bool Replay => replay;

        public IReadOnlyList<OutboxNotice> Notices => notices;

        public WaveOutcome? Outcome => outcome;

        /// <summary>Items of one person go down one lane, in order.</summary>
        public string LaneKey => outcome?.Ins ?? notices[0].DedupKey;
    }
}
