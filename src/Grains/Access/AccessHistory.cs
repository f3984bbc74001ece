using MonEspaceSante.Postgres.Batching;
using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Grains.Access;

/// <summary>
/// The append-only access history (<c>mes_access_history</c>): every read or write of a person's data
/// by anyone other than the person. Rows of many grains are grouped into one INSERT; the caller's
/// read is answered only once its line is written.
/// </summary>
public sealed class AccessHistory : IAsyncDisposable
{
    private const string Feature = "The access history";
    private readonly OwnTables tables;
    private readonly GroupCommit<PendingLine> lines;

    public AccessHistory(OwnTables tables)
    {
        this.tables = tables;
        lines = new GroupCommit<PendingLine>(1, 1000, _ => 0, WriteAsync);
    }

    /// <summary>
    /// Writes one line; with <paramref name="eventKey"/> (the key of the event that caused it), a second line of the same
    /// event for the same person is not written, so a redelivered event leaves one line.
    /// </summary>
    public Task RecordAsync(string ins, Accessor accessor, string action, string resource, string? eventKey = null, bool minorOnly = false)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        var line = new PendingLine(ins, accessor, action, resource, eventKey, minorOnly);
        lines.Enqueue(line);
        return line.Done.Task;
    }

    /// <summary>A page of the history, newest first; without <paramref name="withMinorOnly"/> (a legal representative reads), the minor's confidential lines are left out.</summary>
    public async Task<AccessHistoryPage> ReadAsync(string ins, long? before, int limit, bool withMinorOnly = true)
    {
        await using var command = tables.For(Feature).CreateCommand("""
            SELECT id, at, actor_role, actor_id, action, resource, how FROM mes_access_history
            WHERE ins = @ins AND id < COALESCE(@before, 9223372036854775807) AND (@minor_only OR NOT minor_only) ORDER BY id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("minor_only", withMinorOnly);
        command.Parameters.AddWithValue("ins", ins);
        command.Parameters.Add(new Npgsql.NpgsqlParameter("before", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)before ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit + 1);
        var records = new List<AccessRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            records.Add(new AccessRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), Enum.Parse<AccessorRole>(reader.GetString(2)),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        long? next = null;
        if (records.Count > limit)
        {
            records.RemoveAt(limit);
            next = records[^1].Id;
        }

        return new AccessHistoryPage(records, next);
    }

    private async Task WriteAsync(List<PendingLine> batch)
    {
        await using var command = tables.For(Feature).CreateCommand("""
            INSERT INTO mes_access_history (ins, actor_role, actor_id, action, resource, how, event_key, minor_only)
            SELECT * FROM unnest(@ins, @roles, @actors, @actions, @resources, @hows, @events, @minor_only)
            ON CONFLICT (ins, event_key) WHERE event_key IS NOT NULL DO NOTHING
            """);
        command.Parameters.AddWithValue("ins", batch.Select(l => l.Ins).ToArray());
        command.Parameters.AddWithValue("roles", batch.Select(l => l.Accessor.Role.ToString()).ToArray());
        command.Parameters.AddWithValue("actors", batch.Select(l => l.Accessor.Id).ToArray());
        command.Parameters.AddWithValue("actions", batch.Select(l => l.Action).ToArray());
        command.Parameters.AddWithValue("resources", batch.Select(l => l.Resource).ToArray());
        command.Parameters.AddWithValue("hows", batch.Select(l => l.Accessor.How).ToArray());
        command.Parameters.AddWithValue("minor_only", batch.Select(l => l.MinorOnly).ToArray());
        command.Parameters.Add(new Npgsql.NpgsqlParameter("events", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text)
        {
            Value = batch.Select(l => (object?)l.EventKey ?? DBNull.Value).ToArray(),
        });
        await command.ExecuteNonQueryAsync();
        foreach (var line in batch)
        {
            line.Done.TrySetResult();
        }
    }

    public ValueTask DisposeAsync() => lines.DisposeAsync();

    private sealed class PendingLine(string ins, Accessor accessor, string action, string resource, string? eventKey, bool minorOnly) : GroupCommitItem
    {
        public bool MinorOnly => minorOnly;

        public string? EventKey => eventKey;

        public string Ins => ins;

        public Accessor Accessor => accessor;

        public string Action => action;

        public string Resource => resource;
    }
}
