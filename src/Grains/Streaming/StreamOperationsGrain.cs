using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Operations;
using MonEspaceSante.Interfaces.Streams;
using Npgsql;
using Orleans.Concurrency;

namespace MonEspaceSante.Grains.Streaming;

/// <summary>Reads the queue tables for operators; with memory streams there is nothing to show.</summary>
[StatelessWorker]
internal sealed class StreamOperationsGrain(IServiceProvider services) : Grain, IStreamOperationsGrain
{
    private const string Report = """
        SELECT p.queue_id, count(q.id), count(q.id) FILTER (WHERE q.visible_at > now()),
               COALESCE(EXTRACT(EPOCH FROM now() - min(q.enqueued_at)), 0)::float8
        FROM generate_series(0, @partitions - 1) AS p(queue_id)
        LEFT JOIN mes_stream_queue q ON q.provider = @provider AND q.queue_id = p.queue_id
        GROUP BY p.queue_id ORDER BY p.queue_id
        """;

    private const string List = """
        SELECT id, queue_id, stream_id, enqueued_at, dead_at, dequeued, reason, octet_length(payload)
        FROM mes_stream_dead_letter
        WHERE provider = @provider AND (@before::bigint IS NULL OR id < @before)
        ORDER BY id DESC LIMIT @limit
        """;

    private const string Requeue = """
        WITH moved AS (
            DELETE FROM mes_stream_dead_letter WHERE provider = @provider AND id = @id
            RETURNING queue_id, stream_id, payload, enqueued_at)
        INSERT INTO mes_stream_queue (provider, queue_id, stream_id, payload, enqueued_at)
        SELECT @provider, queue_id, stream_id, payload, enqueued_at FROM moved
        """;

    private StreamsDeployment Deployment => services.GetService<StreamsDeployment>() ?? new StreamsDeployment(StreamsBackend.Memory, 0);

    private NpgsqlDataSource? DataSource =>
        Deployment.Backend == StreamsBackend.Postgres ? services.GetService<NpgsqlDataSource>() : null;

    async Task<StreamsReport> IStreamOperationsGrain.GetReportAsync()
    {
        if (DataSource is not { } dataSource)
        {
            return new StreamsReport("Memory", [], 0);
        }

        var partitions = new List<StreamPartitionStatus>();
        await using (var command = dataSource.CreateCommand(Report))
        {
            command.Parameters.AddWithValue("provider", StreamNames.Provider);
            command.Parameters.AddWithValue("partitions", Deployment.Partitions);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                partitions.Add(new StreamPartitionStatus(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3)));
            }
        }

        await using var count = dataSource.CreateCommand("SELECT count(*) FROM mes_stream_dead_letter WHERE provider = @provider");
        count.Parameters.AddWithValue("provider", StreamNames.Provider);
        return new StreamsReport("Postgres", partitions, (long)(await count.ExecuteScalarAsync())!);
    }

    async Task<IReadOnlyList<DeadLetter>> IStreamOperationsGrain.GetDeadLettersAsync(int limit, long? beforeId)
    {
        if (limit is < 1 or > 500)
        {
            throw new InvalidInputException("limit", "must be between 1 and 500");
        }

        if (DataSource is not { } dataSource)
        {
            return [];
        }

        var letters = new List<DeadLetter>();
        await using var command = dataSource.CreateCommand(List);
        command.Parameters.AddWithValue("provider", StreamNames.Provider);
        command.Parameters.AddWithValue("before", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)beforeId ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0), reader.GetInt32(1), InsRedactor.Redact(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetInt32(5), reader.GetString(6), reader.GetInt32(7)));
        }

        return letters;
    }

    async Task<bool> IStreamOperationsGrain.RequeueAsync(long id)
    {
        if (DataSource is not { } dataSource)
        {
            throw new ResourceNotFoundException("Streams are in memory in this deployment: there are no dead letters.");
        }

        await using var command = dataSource.CreateCommand(Requeue);
        command.Parameters.AddWithValue("provider", StreamNames.Provider);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync() == 1;
    }
}
