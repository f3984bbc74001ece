using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using Npgsql;

namespace MonEspaceSante.Grains.Documents;

/// <summary>
/// Contents uploaded ahead of their DocumentReference (FHIR <c>Binary</c>), in <c>mes_document_upload</c>: kept a
/// day for their uploader, then purged (each new upload deletes the expired ones). A deposit copies the bytes into
/// the content table, so the upload is never what a document depends on.
/// </summary>
public sealed class StagedUploadStore(OwnTables tables)
{
    /// <summary>How long an upload waits for its DocumentReference.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public async Task StageAsync(Guid id, Accessor accessor, string mediaType, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        ArgumentNullException.ThrowIfNull(content);
        await using var batch = tables.For(DocumentContentStore.FeatureName).CreateBatch();
        var purge = new NpgsqlBatchCommand("DELETE FROM mes_document_upload WHERE created_at < now() - $1");
        purge.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Lifetime });
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO mes_document_upload (id, author_role, author_id, media_type, size, content) VALUES ($1, $2, $3, $4, $5, $6)
            """);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = accessor.Role.ToString() });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = accessor.Id });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mediaType });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = content.LongLength });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = content });
        batch.BatchCommands.Add(purge);
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>The upload <paramref name="id"/> if <paramref name="accessor"/> made it and it has not expired.</summary>
    public async Task<StagedContent?> ReadAsync(Guid id, Accessor accessor)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        await using var command = tables.For(DocumentContentStore.FeatureName).CreateCommand("""
            SELECT media_type, content FROM mes_document_upload
            WHERE id = $1 AND author_role = $2 AND author_id = $3 AND created_at >= now() - $4
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = accessor.Role.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = accessor.Id });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Lifetime });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new StagedContent(id.ToString("D"), reader.GetString(0), reader.GetFieldValue<byte[]>(1))
            : null;
    }
}
