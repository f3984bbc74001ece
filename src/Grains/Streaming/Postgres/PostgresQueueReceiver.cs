using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace MonEspaceSante.Grains.Streaming.Postgres;

/// <summary>
/// Reads one partition for the pulling agent of the silo that owns it. Rows are leased (not
/// removed) when read, their lease is renewed while they are in flight, and they are deleted only
/// when the agent reports them delivered, that is once every consumer's handler returned. A row the
/// agent gave up on is offered again after <see cref="PostgresStreamOptions.RetryDelay"/>, or goes to
/// the dead letters after <see cref="PostgresStreamOptions.MaxAttempts"/> leases.
/// </summary>
internal sealed partial class PostgresQueueReceiver : IQueueAdapterReceiver
{
    private readonly string provider;
    private readonly int queueId;
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresStreamOptions options;
    private readonly Serializer<PostgresStreamMessage> serializer;
    private readonly PostgresStreamMetrics metrics;
    private readonly ILogger logger;
    private readonly TimeProvider clock;
    private readonly Dictionary<long, PostgresBatchContainer> inFlight = [];
    private readonly Lock sync = new();
    private long nextToken;
    private bool takeOverPending = true;
    private DateTimeOffset nextPollAt;
    private TimeSpan idleDelay;
    private DateTimeOffset nextRenewalAt;
    private DateTimeOffset nextMaintenanceAt;

    public PostgresQueueReceiver(
        string provider, int queueId, NpgsqlDataSource dataSource, PostgresStreamOptions options,
        Serializer<PostgresStreamMessage> serializer, PostgresStreamMetrics metrics, ILogger logger, TimeProvider clock)
    {
        this.provider = provider;
        this.queueId = queueId;
        this.dataSource = dataSource;
        this.options = options;
        this.serializer = serializer;
        this.metrics = metrics;
        this.logger = logger;
        this.clock = clock;
    }

    public int QueueId => queueId;

    /// <summary>Rows of this partition were committed by this process: look at once instead of waiting for the idle back-off.</summary>
    public void Wake() => nextPollAt = DateTimeOffset.MinValue;

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    // The agent never retries a failed Initialize: the take-over happens on the first read instead,
    // where a failure is simply retried at the next poll.
    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await OpenIfDueAsync(now, cancellationToken);
        if (connection is null)
        {
            return [];
        }

        if (takeOverPending)
        {
            var taken = await ExecuteAsync(connection, PostgresStreamQueries.TakeOver, null, cancellationToken);
            takeOverPending = false;
            if (taken > 0)
            {
                LogTakeOver(logger, provider, queueId, taken);
            }
        }

        await RenewIfDueAsync(connection, now, cancellationToken);
        await MaintainIfDueAsync(connection, now, cancellationToken);

        var limit = maxCount <= 0 ? options.ReadBatchSize : Math.Min(maxCount, options.ReadBatchSize);
        var leased = await LeaseAsync(connection, limit, cancellationToken);
        if (leased.Count == 0)
        {
            idleDelay = idleDelay == TimeSpan.Zero ? options.PollInterval : TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.MaxIdlePollInterval.Ticks));
            nextPollAt = now + idleDelay;
        }
        else
        {
            idleDelay = TimeSpan.Zero;
        }

        return leased;
    }

    private async Task<NpgsqlConnection?> OpenIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            var renewalDue = inFlight.Count > 0 && now >= nextRenewalAt;
            if (now < nextPollAt && !renewalDue && !takeOverPending)
            {
                return null;
            }
        }

        return await dataSource.OpenConnectionAsync(cancellationToken);
    }

    private async Task<List<IBatchContainer>> LeaseAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, int Receipt, byte[] Payload)>();
        await using (var command = new NpgsqlCommand(PostgresStreamQueries.Lease, connection))
        {
            AddPartition(command);
            command.Parameters.AddWithValue("max_attempts", options.MaxAttempts);
            command.Parameters.AddWithValue("max_count", limit);
            command.Parameters.AddWithValue("visibility", options.VisibilityTimeout);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetInt32(1), (byte[])reader[2]));
            }
        }

        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        var containers = new List<IBatchContainer>(rows.Count);
        var redelivered = 0;
        lock (sync)
        {
            foreach (var (id, receipt, payload) in rows)
            {
                var container = new PostgresBatchContainer(serializer.Deserialize(payload)!, new EventSequenceTokenV2(++nextToken), id, receipt);
                inFlight[container.Token.SequenceNumber] = container;
                containers.Add(container);
                redelivered += receipt > 1 ? 1 : 0;
            }

            if (inFlight.Count == rows.Count)
            {
                nextRenewalAt = clock.GetUtcNow() + options.VisibilityTimeout / 3;
            }
        }

        if (redelivered > 0)
        {
            metrics.Redelivered(redelivered);
        }

        return containers;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var delivered = messages.OfType<PostgresBatchContainer>().ToList();
        if (delivered.Count == 0)
        {
            return;
        }

        // Out of the lease set first: if the delete fails, the lease runs out and the rows come back
        // (a duplicate delivery) rather than being renewed forever.
        lock (sync)
        {
            foreach (var container in delivered)
            {
                inFlight.Remove(container.Token.SequenceNumber);
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var deleted = await ExecuteAsync(connection, PostgresStreamQueries.Acknowledge, command => AddRows(command, delivered), cancellationToken);
        metrics.Delivered(deleted);
    }

    /// <summary>The agent gave up delivering a row to a consumer: offer it again later, or bury it.</summary>
    public async Task DeliveryFailedAsync(StreamSequenceToken token)
    {
        PostgresBatchContainer? container;
        lock (sync)
        {
            inFlight.Remove(token.SequenceNumber, out container);
        }

        if (container is null)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        if (container.Receipt >= options.MaxAttempts)
        {
            var buried = await ExecuteAsync(connection, PostgresStreamQueries.DeadLetterOne, command =>
            {
                AddPartition(command);
                command.Parameters.AddWithValue("id", container.RowId);
                command.Parameters.AddWithValue("receipt", container.Receipt);
                command.Parameters.AddWithValue("reason", $"a consumer failed on it {container.Receipt} times");
            }, CancellationToken.None);
            metrics.DeadLettered(buried);
            LogDeadLettered(logger, provider, queueId, container.RowId, container.Receipt);
        }
        else
        {
            await SetVisibilityAsync(connection, [container], options.RetryDelay, CancellationToken.None);
            LogRetryLater(logger, provider, queueId, container.RowId, container.Receipt);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <summary>Hands leased rows back at once, so the next owner of the partition need not wait for their visibility timeout.</summary>
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        metrics.Forget(this);
        List<PostgresBatchContainer> pending;
        lock (sync)
        {
            pending = [.. inFlight.Values];
            inFlight.Clear();
        }

        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await SetVisibilityAsync(connection, pending, TimeSpan.Zero, cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Their lease simply runs out: the next owner takes them over then.
            LogReleaseFailed(logger, provider, queueId, pending.Count, exception);
        }
    }

    private async Task RenewIfDueAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<PostgresBatchContainer> pending;
        lock (sync)
        {
            if (inFlight.Count == 0 || now < nextRenewalAt)
            {
                return;
            }

            pending = [.. inFlight.Values];
            nextRenewalAt = now + options.VisibilityTimeout / 3;
        }

        await SetVisibilityAsync(connection, pending, options.VisibilityTimeout, cancellationToken);
    }

    private async Task MaintainIfDueAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now < nextMaintenanceAt)
        {
            return;
        }

        nextMaintenanceAt = now + options.MaintenanceInterval;
        var buried = await ExecuteAsync(connection, PostgresStreamQueries.SweepExhausted,
            command => command.Parameters.AddWithValue("max_attempts", options.MaxAttempts), cancellationToken);
        if (buried > 0)
        {
            metrics.DeadLettered(buried);
            LogSwept(logger, provider, queueId, buried);
        }

        await using var command = new NpgsqlCommand(PostgresStreamQueries.Depth, connection);
        AddPartition(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            metrics.Report(this, queueId, reader.GetInt64(0), reader.GetDouble(1));
        }
    }

    private Task<int> SetVisibilityAsync(NpgsqlConnection connection, IReadOnlyCollection<PostgresBatchContainer> rows, TimeSpan delay, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, PostgresStreamQueries.SetVisibility, command =>
        {
            AddRows(command, rows);
            command.Parameters.AddWithValue("delay", delay);
        }, cancellationToken);

    private async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, Action<NpgsqlCommand>? parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        AddPartition(command);
        parameters?.Invoke(command);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AddPartition(NpgsqlCommand command)
    {
        if (!command.Parameters.Contains("provider"))
        {
            command.Parameters.AddWithValue("provider", provider);
            command.Parameters.AddWithValue("queue", queueId);
        }
    }

    private static void AddRows(NpgsqlCommand command, IReadOnlyCollection<PostgresBatchContainer> rows)
    {
        command.Parameters.AddWithValue("ids", rows.Select(r => r.RowId).ToArray());
        command.Parameters.AddWithValue("receipts", rows.Select(r => r.Receipt).ToArray());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Provider} partition {Queue}: took over {Count} rows leased by its previous owner")]
    private static partial void LogTakeOver(ILogger logger, string provider, int queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Provider} partition {Queue}: row {RowId} failed delivery (attempt {Attempt}); offered again later")]
    private static partial void LogRetryLater(ILogger logger, string provider, int queue, long rowId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Provider} partition {Queue}: row {RowId} failed delivery {Attempt} times; moved to the dead letters")]
    private static partial void LogDeadLettered(ILogger logger, string provider, int queue, long rowId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Provider} partition {Queue}: {Count} rows leased too often without delivery; moved to the dead letters")]
    private static partial void LogSwept(ILogger logger, string provider, int queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Provider} partition {Queue}: could not hand back {Count} leased rows at shutdown; their lease will expire")]
    private static partial void LogReleaseFailed(ILogger logger, string provider, int queue, int count, Exception exception);
}
