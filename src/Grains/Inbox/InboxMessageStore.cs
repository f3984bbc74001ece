using System.Security.Cryptography;
using System.Text.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Inbox;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Grains.Inbox;

/// <summary>
/// Message bodies of the secure inbox, in their own PostgreSQL table (unbounded, so outside grain state), and
/// attachment bytes stored once by SHA-256. Reads take, per conversation, the count acknowledged in grain state:
/// rows beyond it were written by a turn that failed before its state, and are ignored until overwritten.
/// </summary>
public sealed class InboxMessageStore(OwnTables tables)
{
    private const string Feature = "The secure inbox";

    private const string Columns = "m.conversation_id, m.seq, m.sender_role, m.sender_id, m.sent_at, m.body, m.attachments";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private NpgsqlDataSource Database => tables.For(Feature);

    /// <summary>The SHA-256 of <paramref name="content"/>, lower-case hex: the attachment's key.</summary>
    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// Writes the message and its attachments' bytes (<paramref name="contents"/>, in the order of its attachments) in
    /// one transaction. A row already at the same seq was never acknowledged: it is replaced.
    /// </summary>
    public async Task WriteAsync(string ins, InboxMessage message, IReadOnlyList<byte[]> contents, string? clientId)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(contents);
        await using var batch = Database.CreateBatch();
        for (var i = 0; i < contents.Count; i++)
        {
            var attachment = message.Attachments[i];
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO mes_inbox_attachment (sha256, media_type, size, content) VALUES (@sha, @type, @size, @content)
                ON CONFLICT (sha256) DO NOTHING
                """);
            insert.Parameters.AddWithValue("sha", attachment.Sha256);
            insert.Parameters.AddWithValue("type", attachment.MediaType);
            insert.Parameters.AddWithValue("size", attachment.Size);
            insert.Parameters.AddWithValue("content", contents[i]);
            batch.BatchCommands.Add(insert);
        }

        var upsert = new NpgsqlBatchCommand("""
            INSERT INTO mes_inbox_message (ins, conversation_id, seq, sender_role, sender_id, sent_at, body, attachments, client_id)
            VALUES (@ins, @conversation, @seq, @role, @sender, @sent, @body, @attachments, @client)
            ON CONFLICT (ins, conversation_id, seq) DO UPDATE SET sender_role = excluded.sender_role, sender_id = excluded.sender_id,
                sent_at = excluded.sent_at, body = excluded.body, attachments = excluded.attachments, client_id = excluded.client_id
            """);
        upsert.Parameters.AddWithValue("ins", ins);
        upsert.Parameters.AddWithValue("conversation", message.ConversationId);
        upsert.Parameters.AddWithValue("seq", message.Seq);
        upsert.Parameters.AddWithValue("role", message.SenderRole.ToString());
        upsert.Parameters.AddWithValue("sender", message.SenderId);
        upsert.Parameters.AddWithValue("sent", message.SentAt);
        upsert.Parameters.AddWithValue("body", message.Text);
        upsert.Parameters.Add(new NpgsqlParameter("attachments", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(message.Attachments, JsonOptions) });
        upsert.Parameters.Add(new NpgsqlParameter("client", NpgsqlDbType.Text) { Value = (object?)clientId ?? DBNull.Value });
        batch.BatchCommands.Add(upsert);

        // A batch runs in one implicit transaction: no message row names bytes that are not stored.
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>The acknowledged message of <paramref name="senderId"/> with <paramref name="clientId"/>, if any.</summary>
    public async Task<InboxMessage?> FindByClientIdAsync(string ins, string conversationId, string senderId, string clientId, int acknowledged)
    {
        await using var command = Database.CreateCommand($"""
            SELECT {Columns} FROM mes_inbox_message m
            WHERE m.ins = @ins AND m.conversation_id = @conversation AND m.client_id = @client AND m.sender_id = @sender AND m.seq <= @count
            ORDER BY m.seq LIMIT 1
            """);
        command.Parameters.AddWithValue("ins", ins);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("sender", senderId);
        command.Parameters.AddWithValue("count", acknowledged);
        return (await ReadAllAsync(command)).FirstOrDefault();
    }

    /// <summary>One message (null when absent).</summary>
    public async Task<InboxMessage?> ReadAsync(string ins, string conversationId, int seq)
    {
        await using var command = Database.CreateCommand($"SELECT {Columns} FROM mes_inbox_message m WHERE m.ins = @ins AND m.conversation_id = @conversation AND m.seq = @seq");
        command.Parameters.AddWithValue("ins", ins);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("seq", seq);
        return (await ReadAllAsync(command)).FirstOrDefault();
    }

    /// <summary>Every acknowledged message of <paramref name="conversations"/> (id, acknowledged count), by conversation then seq.</summary>
    public async Task<IReadOnlyList<InboxMessage>> ReadConversationsAsync(string ins, IReadOnlyList<(string Id, int Count)> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        await using var command = Database.CreateCommand($"""
            SELECT {Columns} FROM mes_inbox_message m JOIN unnest(@ids, @counts) AS c(id, n) ON m.conversation_id = c.id AND m.seq <= c.n
            WHERE m.ins = @ins ORDER BY m.conversation_id, m.seq
            """);
        AddConversations(command, ins, conversations);
        return await ReadAllAsync(command);
    }

    /// <summary>A page of the acknowledged messages of <paramref name="conversations"/>, newest first.</summary>
    public async Task<IReadOnlyList<InboxMessage>> PageAsync(string ins, IReadOnlyList<(string Id, int Count)> conversations, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        await using var command = Database.CreateCommand($"""
            SELECT {Columns} FROM mes_inbox_message m JOIN unnest(@ids, @counts) AS c(id, n) ON m.conversation_id = c.id AND m.seq <= c.n
            WHERE m.ins = @ins ORDER BY m.sent_at DESC, m.conversation_id, m.seq DESC OFFSET @offset LIMIT @limit
            """);
        AddConversations(command, ins, conversations);
        command.Parameters.AddWithValue("offset", offset);
        command.Parameters.AddWithValue("limit", count);
        return await ReadAllAsync(command);
    }

    /// <summary>The bytes stored under <paramref name="sha256"/> (null when absent).</summary>
    public async Task<byte[]?> ReadContentAsync(string sha256)
    {
        await using var command = Database.CreateCommand("SELECT content FROM mes_inbox_attachment WHERE sha256 = @sha");
        command.Parameters.AddWithValue("sha", sha256);
        return await command.ExecuteScalarAsync() as byte[];
    }

    private static void AddConversations(NpgsqlCommand command, string ins, IReadOnlyList<(string Id, int Count)> conversations)
    {
        command.Parameters.AddWithValue("ins", ins);
        command.Parameters.AddWithValue("ids", conversations.Select(c => c.Id).ToArray());
        command.Parameters.AddWithValue("counts", conversations.Select(c => c.Count).ToArray());
    }

    private static async Task<List<InboxMessage>> ReadAllAsync(NpgsqlCommand command)
    {
        var messages = new List<InboxMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            messages.Add(new InboxMessage(
                reader.GetString(0), reader.GetInt32(1), Enum.Parse<AccessorRole>(reader.GetString(2)), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5),
                JsonSerializer.Deserialize<List<InboxAttachment>>(reader.GetString(6), JsonOptions) ?? []));
        }

        return messages;
    }
}
