using System.Text.Json;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;

namespace MonEspaceSante.Grains.Notices;

/// <summary>
/// The dispatcher's side of the outbox. Dispatchers on every silo claim due notices with <c>FOR UPDATE SKIP LOCKED</c>
/// and a lease (so two never hold the same notice, and one that dies frees its claim when the lease ends), then mark each
/// sent, due again after a delay, or given up. Times are the database's, the same for every silo.
/// </summary>
public sealed class DeliveryStore(NpgsqlDataSource dataSource)
{
    private const string Claim = """
        UPDATE mes_outbox o SET lease_until = now() + @lease, attempts = o.attempts + 1
        FROM (SELECT id FROM mes_outbox
              WHERE sent_at IS NULL AND failed_at IS NULL AND channel = ANY(@channels)
                AND (next_attempt_at IS NULL OR next_attempt_at <= now()) AND (lease_until IS NULL OR lease_until <= now())
              ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED) due
        WHERE o.id = due.id
        RETURNING o.id, o.kind, o.channel, o.email, o.mobile, o.push_tokens, o.recipient_name, o.deadline, o.details, o.attempts
        """;

    public async Task<IReadOnlyList<DueNotice>> ClaimAsync(IReadOnlyList<NoticeChannel> channels, int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.AddWithValue("channels", channels.Select(c => c.ToString()).ToArray());
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("lease", lease);
        var due = new List<DueNotice>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueNotice(
                reader.GetInt64(0),
                Enum.Parse<NoticeKind>(reader.GetString(1)),
                Enum.Parse<NoticeChannel>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? [] : JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? [],
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? [] : JsonSerializer.Deserialize<AccessDigestLine[]>(reader.GetString(8), JsonSerializerOptions.Web) ?? [],
                reader.GetInt32(9)));
        }

        return due.OrderBy(n => n.Id).ToList();
    }

    public async Task MarkSentAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("UPDATE mes_outbox SET sent_at = now(), lease_until = NULL, last_error = NULL WHERE id = ANY(@ids) AND sent_at IS NULL");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Due again after <paramref name="delay"/>, or given up when <paramref name="giveUp"/> (or after the last attempt).</summary>
    public async Task MarkFailedAsync(long id, string error, TimeSpan delay, bool giveUp, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE mes_outbox SET lease_until = NULL, last_error = @error, next_attempt_at = now() + @delay,
                failed_at = CASE WHEN @giveUp OR attempts >= @max THEN now() END
            WHERE id = @id AND sent_at IS NULL
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("error", error.Length > 500 ? error[..500] : error);
        command.Parameters.AddWithValue("delay", delay);
        command.Parameters.AddWithValue("giveUp", giveUp);
        command.Parameters.AddWithValue("max", maxAttempts);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
