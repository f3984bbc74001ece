using Npgsql;

namespace MonEspaceSante.Grains.Documents;

/// <summary>
/// Document contents in <c>mes_document_content</c>, stored once by SHA-256, outside grain state; and the
/// locator <c>mes_document_locator</c> (document id → INS and content) that lets a read by id find the person's grain,
/// and tells which documents still refer to a content. A deposit and a release both lock the content's row first, so a
/// content is never freed while a deposit of the same bytes is under way.
/// </summary>
public sealed class DocumentContentStore(OwnTables tables)
{
    private const string Feature = "Documents";

    internal static string FeatureName => Feature;

    /// <summary>
    /// Writes the content (nothing if the same bytes are stored already, but its row is locked against a release) and the
    /// document's locator, in one transaction; the grain persists the index entry only after this, so an acknowledged
    /// document always has its content.
    /// </summary>
    public async Task StoreAsync(string ins, Guid documentId, string sha256, string mediaType, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var batch = tables.For(Feature).CreateBatch();
        var store = new NpgsqlBatchCommand("""
            INSERT INTO mes_document_content (sha256, media_type, size, content) VALUES ($1, $2, $3, $4)
            ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256
            """);
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mediaType });
        store.Parameters.Add(new NpgsqlParameter<long> { TypedValue = content.LongLength });
        store.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = content });
        var locate = new NpgsqlBatchCommand("INSERT INTO mes_document_locator (document_id, ins, sha256) VALUES ($1, $2, $3) ON CONFLICT (document_id) DO NOTHING");
        locate.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = documentId });
        locate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ins });
        locate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        batch.BatchCommands.Add(store);
        batch.BatchCommands.Add(locate);
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Marks document <paramref name="documentId"/> deleted, then frees its content <paramref name="sha256"/> unless another
    /// document not deleted still refers to it (or locators from before migration 0019 might). Answers whether it was freed.
    /// </summary>
    public async Task<bool> ReleaseAsync(Guid documentId, string sha256)
    {
        await using var connection = await tables.For(Feature).OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var mark = new NpgsqlCommand("UPDATE mes_document_locator SET deleted_at = COALESCE(deleted_at, now()), sha256 = COALESCE(sha256, $2) WHERE document_id = $1", connection, transaction))
        {
            mark.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = documentId });
            mark.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            await mark.ExecuteNonQueryAsync();
        }

        // The content's row first: a deposit of the same bytes holds it until its locator is committed, and the next
        // statement (a new snapshot) then sees that locator.
        await using (var lockContent = new NpgsqlCommand("SELECT 1 FROM mes_document_content WHERE sha256 = $1 FOR UPDATE", connection, transaction))
        {
            lockContent.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            await lockContent.ExecuteScalarAsync();
        }

        int freed;
        await using (var free = new NpgsqlCommand(FreeUnreferenced, connection, transaction))
        {
            free.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            freed = await free.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return freed == 1;
    }

    private const string FreeUnreferenced = """
        DELETE FROM mes_document_content c WHERE c.sha256 = $1
          AND NOT EXISTS (SELECT 1 FROM mes_document_locator l WHERE l.sha256 = $1 AND l.deleted_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM mes_document_locator l WHERE l.sha256 IS NULL)
        """;

    /// <summary>The bytes stored under <paramref name="sha256"/>.</summary>
    public async Task<byte[]> ReadAsync(string sha256)
    {
        await using var command = tables.For(Feature).CreateCommand("SELECT content FROM mes_document_content WHERE sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        return await command.ExecuteScalarAsync() as byte[]
            ?? throw new InvalidOperationException("A document's content is missing from mes_document_content.");
    }

    /// <summary>The INS of the space holding <paramref name="documentId"/>, if it was ever deposited.</summary>
    public async Task<string?> FindOwnerAsync(Guid documentId)
    {
        await using var command = tables.For(Feature).CreateCommand("SELECT ins FROM mes_document_locator WHERE document_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = documentId });
        return await command.ExecuteScalarAsync() as string;
    }
}
