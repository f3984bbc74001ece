using Npgsql;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>A row as a lease returns it.</summary>
internal readonly record struct QueueRow(long Id, int Receipt, byte[] Payload, DateTimeOffset EnqueuedAt);

/// <summary>
/// The commands of one partition (<paramref name="provider"/>, <paramref name="queue"/>) of the queue table,
/// each on a connection the reader opened: the SQL is <see cref="PostgresStreamQueries"/>'s.
/// </summary>
internal sealed class PostgresQueueTable(string provider, int queue)
{
    public Task<int> TakeOverAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, PostgresStreamQueries.TakeOver, null, cancellationToken);

    /// <summary>Leases at most <paramref name="maxCount"/> visible rows after id <paramref name="after"/>, in id order.</summary>
    public async Task<List<QueueRow>> LeaseAsync(
        NpgsqlConnection connection, long after, int maxAttempts, int maxCount, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var rows = new List<QueueRow>();
        await using (var command = Command(connection, PostgresStreamQueries.Lease))
        {
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("max_attempts", maxAttempts);
            command.Parameters.AddWithValue("max_count", maxCount);
            command.Parameters.AddWithValue("visibility", visibility);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new QueueRow(reader.GetInt64(0), reader.GetInt32(1), (byte[])reader[2], reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        return rows;
    }

    /// <summary>Deletes delivered rows whose receipt still matches.</summary>
    public Task<int> AcknowledgeAsync(NpgsqlConnection connection, IReadOnlyCollection<LeasedRow> rows, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, PostgresStreamQueries.Acknowledge, command => AddRows(command, rows), cancellationToken);

    /// <summary>Makes leased rows visible again after <paramref name="delay"/> (renewal; zero hands them back).</summary>
    public Task<int> SetVisibilityAsync(NpgsqlConnection connection, IReadOnlyCollection<LeasedRow> rows, TimeSpan delay, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, PostgresStreamQueries.SetVisibility, command =>
        {
            AddRows(command, rows);
            command.Parameters.AddWithValue("delay", delay);
        }, cancellationToken);

    /// <summary>One message written back as a row of its own, offered again after <paramref name="delay"/>.</summary>
    public Task<int> RequeueAsync(NpgsqlConnection connection, string stream, byte[] payload, DateTimeOffset enqueuedAt, int attempts, TimeSpan delay) =>
        ExecuteAsync(connection, PostgresStreamQueries.Requeue, command =>
        {
            AddMessage(command, stream, payload, enqueuedAt, attempts);
            command.Parameters.AddWithValue("delay", delay);
        }, CancellationToken.None);

    /// <summary>One message buried in the dead letters with <paramref name="reason"/>.</summary>
    public Task<int> BuryMessageAsync(NpgsqlConnection connection, string stream, byte[] payload, DateTimeOffset enqueuedAt, int attempts, string reason) =>
        ExecuteAsync(connection, PostgresStreamQueries.BuryMessage, command =>
        {
            AddMessage(command, stream, payload, enqueuedAt, attempts);
            command.Parameters.AddWithValue("reason", reason);
        }, CancellationToken.None);

    /// <summary>A whole row moved to the dead letters (its payload cannot be read).</summary>
    public Task<int> BuryRowAsync(NpgsqlConnection connection, long rowId, int receipt, string reason, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, PostgresStreamQueries.DeadLetterOne, command =>
        {
            command.Parameters.AddWithValue("id", rowId);
            command.Parameters.AddWithValue("receipt", receipt);
            command.Parameters.AddWithValue("reason", reason);
        }, cancellationToken);

    /// <summary>Rows leased <paramref name="maxAttempts"/> times without delivery, moved to the dead letters.</summary>
    public Task<int> SweepExhaustedAsync(NpgsqlConnection connection, int maxAttempts, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, PostgresStreamQueries.SweepExhausted, command => command.Parameters.AddWithValue("max_attempts", maxAttempts), cancellationToken);

    /// <summary>Rows waiting in the partition, and the age of the oldest in seconds.</summary>
    public async Task<(long Depth, double OldestAgeSeconds)> DepthAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, PostgresStreamQueries.Depth);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetDouble(1)) : (0, 0);
    }

    private async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, Action<NpgsqlCommand>? parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        parameters?.Invoke(command);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("queue", queue);
        return command;
    }

    private static void AddMessage(NpgsqlCommand command, string stream, byte[] payload, DateTimeOffset enqueuedAt, int attempts)
    {
        command.Parameters.AddWithValue("stream", stream);
        command.Parameters.AddWithValue("payload", payload);
        command.Parameters.AddWithValue("enqueued_at", enqueuedAt);
        command.Parameters.AddWithValue("attempts", attempts);
    }

    private static void AddRows(NpgsqlCommand command, IReadOnlyCollection<LeasedRow> rows)
    {
        command.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("receipts", rows.Select(r => r.Receipt).ToArray());
    }
}
