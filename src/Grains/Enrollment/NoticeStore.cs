using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>The outbox as the mailing service sees it: pending notices in order, marked sent once handed over.</summary>
public sealed class NoticeStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<Notice>> GetPendingAsync(long afterId, int limit)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, kind, channel, email, postal_address, wave_id, created_at, deadline
            FROM mes_outbox WHERE sent_at IS NULL AND id > @after ORDER BY id LIMIT @limit
            """);
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
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
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
}
