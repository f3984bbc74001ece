using Npgsql;

namespace MonEspaceSante.Grains.Documents;

/// <summary>
/// Document contents in <c>mes_document_content</c>, stored once by SHA-256, outside grain state; and the
/// locator <c>mes_document_locator</c> (document id → INS) that lets a read by id find the person's grain.
/// </summary>
public sealed class DocumentContentStore(OwnTables tables)
{
    private const string Feature = "Documents";

    internal static string FeatureName => Feature;

    /// <summary>
    /// Writes the content (nothing if the same bytes are stored already) and the document's locator, in one
    /// transaction; the grain persists the index entry only after this, so an acknowledged document always has its content.
    /// </summary>
    public async Task StoreAsync(string ins, Guid documentId, string sha256, string mediaType, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var batch = tables.For(Feature).CreateBatch();
        var store = new NpgsqlBatchCommand("""
            INSERT INTO mes_document_content (sha256, media_type, size, content) VALUES ($1, $2, $3, $4)
            ON CONFLICT (sha256) DO NOTHING
            """);
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        store.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mediaType });
        store.Parameters.Add(new NpgsqlParameter<long> { TypedValue = content.LongLength });
        store.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = content });
        var locate = new NpgsqlBatchCommand("INSERT INTO mes_document_locator (document_id, ins) VALUES ($1, $2) ON CONFLICT (document_id) DO NOTHING");
        locate.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = documentId });
        locate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ins });
        batch.BatchCommands.Add(store);
        batch.BatchCommands.Add(locate);
        await batch.ExecuteNonQueryAsync();
    }

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
