using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>The outbox as the mailing service sees it: pending notices in order, marked sent once handed over; and the notices the dispatcher could not deliver.</summary>
public sealed class NoticeStore(NpgsqlDataSource dataSource)
{
    /// <summary>Pending notices after <paramref name="afterId"/>; with <paramref name="lettersOnly"/>, the letters alone (the dispatcher delivers the rest).</summary>
    public async Task<IReadOnlyList<Notice>> GetPendingAsync(long afterId, int limit, bool lettersOnly = false)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, kind, channel, email, postal_address, wave_id, created_at, deadline, recipient_name
            FROM mes_outbox WHERE sent_at IS NULL AND id > @after AND (NOT @letters OR channel = 'Letter') ORDER BY id LIMIT @limit
            """);
        command.Parameters.AddWithValue("letters", lettersOnly);
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("limit", limit);
        var notices = new List<Notice>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            notices.Add(new Notice(
                reader.GetInt64(0),
                Enum.Parse<NoticeKind>(reader.GetString(1)),
                Enum.Parse<NoticeChannel>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return notices;
    }

    public async Task<NoticeAcknowledgement> MarkSentAsync(IReadOnlyList<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = ids.Distinct().ToArray();
        await using var command = dataSource.CreateCommand("""
            WITH target AS (SELECT id, sent_at FROM mes_outbox WHERE id = ANY(@ids) FOR UPDATE),
                 marked AS (UPDATE mes_outbox o SET sent_at = now() FROM target t WHERE o.id = t.id AND t.sent_at IS NULL RETURNING o.id)
            SELECT (SELECT count(*) FROM marked), (SELECT count(*) FROM target WHERE sent_at IS NOT NULL), (SELECT count(*) FROM target)
            """);
        command.Parameters.AddWithValue("ids", distinct);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var marked = (int)reader.GetInt64(0);
        var already = (int)reader.GetInt64(1);
        var found = (int)reader.GetInt64(2);
        return new NoticeAcknowledgement(marked, already, distinct.Length - found);
    }

    public async Task<IReadOnlyList<UndeliveredNotice>> GetUndeliveredAsync(long afterId, int limit)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, kind, channel, email, mobile, jsonb_array_length(push_tokens), attempts, last_error, next_attempt_at, failed_at, created_at
            FROM mes_outbox WHERE sent_at IS NULL AND last_error IS NOT NULL AND id > @after ORDER BY id LIMIT @limit
            """);
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("limit", limit);
        var notices = new List<UndeliveredNotice>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var channel = Enum.Parse<NoticeChannel>(reader.GetString(2));
            var recipient = channel switch
            {
                NoticeChannel.Email => reader.IsDBNull(3) ? null : RecipientMask.Email(reader.GetString(3)),
                NoticeChannel.Sms => reader.IsDBNull(4) ? null : RecipientMask.Mobile(reader.GetString(4)),
                NoticeChannel.Push => reader.IsDBNull(5) ? null : $"{reader.GetInt32(5)} device(s)",
                _ => null,
            };
            notices.Add(new UndeliveredNotice(reader.GetInt64(0), Enum.Parse<NoticeKind>(reader.GetString(1)), channel, recipient, reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return notices;
    }

    public async Task<bool> RetryAsync(long id)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE mes_outbox SET failed_at = NULL, attempts = 0, next_attempt_at = now(), lease_until = NULL WHERE id = @id AND failed_at IS NOT NULL AND sent_at IS NULL");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync() == 1;
    }
}
