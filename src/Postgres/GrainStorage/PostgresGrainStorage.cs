using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonEspaceSante.Postgres.Batching;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Storage;

namespace MonEspaceSante.Postgres.GrainStorage;

/// <summary>
/// Grain storage for the patient facets, written by hand because the ADO.NET provider writes each
/// grain's state with its own statement and commit (a few thousand per second here), while a wave
/// changes millions of grains: reads and writes of concurrent grains are grouped into one statement
/// per batch (<see cref="GroupCommit{T}"/>), each grain still awaiting its own result. Rows are keyed
/// by the whole grain id and state name; the etag is a counter checked on every write, and a write with an
/// etag never re-creates a row that is gone (an erased person's state, written by an activation of before).
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private const string ReadSql = """
        SELECT s.grain_id, s.state_name, s.etag, s.payload
        FROM mes_grain_state s
        JOIN unnest(@ids, @names) AS k(grain_id, state_name) ON s.grain_id = k.grain_id AND s.state_name = k.state_name
        WHERE s.service_id = @service
        """;

    private const string WriteSql = """
        INSERT INTO mes_grain_state AS s (grain_id, state_name, service_id, etag, payload)
        SELECT i.grain_id, i.state_name, @service, COALESCE(i.expected, 0) + 1, i.payload
        FROM unnest(@ids, @names, @expected, @payloads) AS i(grain_id, state_name, expected, payload)
        WHERE i.expected IS NULL OR EXISTS (
            SELECT 1 FROM mes_grain_state x WHERE x.grain_id = i.grain_id AND x.state_name = i.state_name AND x.service_id = @service)
        ON CONFLICT (grain_id, state_name, service_id) DO UPDATE
        SET etag = EXCLUDED.etag, payload = EXCLUDED.payload, modified_at = now()
        WHERE s.etag = EXCLUDED.etag - 1
        RETURNING s.grain_id, s.state_name, s.etag
        """;

    // A state never written before (no etag) is inserted without ON CONFLICT (see UniqueViolation).
    // Another writer's row makes the whole statement fail, and the batch is then written again through
    // WriteSql, whose etag check refuses that one write.
    private const string InsertSql = """
        INSERT INTO mes_grain_state (grain_id, state_name, service_id, etag, payload)
        SELECT i.grain_id, i.state_name, @service, 1, i.payload
        FROM unnest(@ids, @names, @payloads) AS i(grain_id, state_name, payload)
        RETURNING grain_id, state_name, etag
        """;

    private const string ClearSql = """
        DELETE FROM mes_grain_state
        WHERE grain_id = @id AND state_name = @name AND service_id = @service AND etag = @expected
        """;

    private readonly string name;
    private readonly string serviceId;
    private readonly NpgsqlDataSource dataSource;
    private readonly IGrainStorageSerializer serializer;
    private readonly GroupCommit<PendingRead> reads;
    private readonly GroupCommit<PendingWrite> writes;

    public PostgresGrainStorage(string name, string serviceId, NpgsqlDataSource dataSource, IGrainStorageSerializer serializer, int lanes = 2, int maxBatch = 2000)
    {
        this.name = name;
        this.serviceId = serviceId;
        this.dataSource = dataSource;
        this.serializer = serializer;
        reads = new GroupCommit<PendingRead>(lanes, maxBatch, r => r.GrainId.GetHashCode(StringComparison.Ordinal), ReadBatchAsync);
        writes = new GroupCommit<PendingWrite>(lanes, maxBatch, w => w.GrainId.GetHashCode(StringComparison.Ordinal), WriteBatchAsync);
    }

    /// <summary>For <c>services.AddGrainStorage(name, PostgresGrainStorage.Create)</c>.</summary>
    public static PostgresGrainStorage Create(IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new PostgresGrainStorage(
            name,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetKeyedService<IGrainStorageSerializer>(name) ?? services.GetRequiredService<IGrainStorageSerializer>());
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var pending = new PendingRead(grainId.ToString(), stateName);
        reads.Enqueue(pending);
        var found = await pending.Done.Task;
        if (found is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(found.Value.Payload));
        grainState.ETag = found.Value.ETag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>
    /// A grain as its errors name it: its type and a hash of its key. A person's grain is keyed by their INS, and an
    /// exception's text travels to logs, traces and callers, where an INS must not appear in clear.
    /// </summary>
    public static string Named(GrainId grainId) =>
        $"{grainId.Type}/#{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(grainId.Key.AsSpan())[..8])}";

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var pending = new PendingWrite(grainId.ToString(), stateName, ParseETag(grainState.ETag), serializer.Serialize(grainState.State).ToArray());
        writes.Enqueue(pending);
        var etag = await pending.Done.Task ?? throw new InconsistentStateException(
            $"Grain state {stateName} of {Named(grainId)} was changed by another writer (storage {name}).", grainState.ETag ?? "none", "unknown");
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (ParseETag(grainState.ETag) is { } expected)
        {
            await using var command = dataSource.CreateCommand(ClearSql);
            command.Parameters.AddWithValue("id", grainId.ToString());
            command.Parameters.AddWithValue("name", stateName);
            command.Parameters.AddWithValue("service", serviceId);
            command.Parameters.AddWithValue("expected", expected);
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                throw new InconsistentStateException($"Grain state {stateName} of {Named(grainId)} was changed by another writer (storage {name}).");
            }
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task ReadBatchAsync(List<PendingRead> batch)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.AddWithValue("ids", batch.Select(r => r.GrainId).ToArray());
        command.Parameters.AddWithValue("names", batch.Select(r => r.StateName).ToArray());
        command.Parameters.AddWithValue("service", serviceId);
        var found = new Dictionary<(string, string), (long, byte[])>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), (byte[])reader[3]);
            }
        }

        foreach (var read in batch)
        {
            read.Done.TrySetResult(found.TryGetValue((read.GrainId, read.StateName), out var row) ? row : null);
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        // One statement cannot update a row twice: a second write of the same state (only possible
        // from a duplicate activation) goes in a following statement, and its etag decides.
        var seen = new HashSet<(string, string)>();
        var now = new List<PendingWrite>(batch.Count);
        var later = new List<PendingWrite>();
        foreach (var write in batch)
        {
            (seen.Add((write.GrainId, write.StateName)) ? now : later).Add(write);
        }

        await WriteUniqueAsync(now);
        if (later.Count > 0)
        {
            await WriteBatchAsync(later);
        }
    }

    private async Task WriteUniqueAsync(List<PendingWrite> batch)
    {
        var fresh = batch.Where(w => w.Expected is null).ToList();
        var known = fresh.Count == batch.Count ? [] : batch.Where(w => w.Expected is not null).ToList();
        if (fresh.Count > 0)
        {
            await UniqueViolation.PlainFirstAsync(() => ExecuteWriteAsync(fresh, checkETags: false), () => ExecuteWriteAsync(fresh, checkETags: true));
        }

        if (known.Count > 0)
        {
            await ExecuteWriteAsync(known, checkETags: true);
        }
    }

    private async Task ExecuteWriteAsync(List<PendingWrite> batch, bool checkETags)
    {
        await using var command = dataSource.CreateCommand(checkETags ? WriteSql : InsertSql);
        command.Parameters.AddWithValue("ids", batch.Select(w => w.GrainId).ToArray());
        command.Parameters.AddWithValue("names", batch.Select(w => w.StateName).ToArray());
        if (checkETags)
        {
            command.Parameters.Add(new NpgsqlParameter("expected", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = batch.Select(w => w.Expected).ToArray() });
        }

        command.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = batch.Select(w => w.Payload).ToArray() });
        command.Parameters.AddWithValue("service", serviceId);
        var written = new Dictionary<(string, string), long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        foreach (var write in batch)
        {
            write.Done.TrySetResult(written.TryGetValue((write.GrainId, write.StateName), out var etag) ? etag : null);
        }
    }

    private static long? ParseETag(string? etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public async ValueTask DisposeAsync()
    {
        await reads.DisposeAsync();
        await writes.DisposeAsync();
    }

    private sealed class PendingRead(string grainId, string stateName) : GroupCommitItem<(long ETag, byte[] Payload)?>
    {
        public string GrainId => grainId;

        public string StateName => stateName;
    }

    private sealed class PendingWrite(string grainId, string stateName, long? expected, byte[] payload) : GroupCommitItem<long?>
    {
        public string GrainId => grainId;

        public string StateName => stateName;

        public long? Expected => expected;

        public byte[] Payload => payload;
    }
}
