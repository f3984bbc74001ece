using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace MonEspaceSante.Grains.Streaming.Postgres;

/// <summary>
/// Reads one partition for the pulling agent of the silo that owns it. Rows (segments of messages)
/// are leased, not removed, when read; the lease is renewed while any of their messages is in
/// flight, and a row is deleted only when the agent has reported every message of it delivered,
/// that is once every consumer's handler returned. A message the agent gave up on is written back
/// as a row of its own, offered again after <see cref="PostgresStreamOptions.RetryDelay"/>, or
/// buried in the dead letters after <see cref="PostgresStreamOptions.MaxAttempts"/> attempts.
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
    private readonly Lock sync = new();
    private readonly Dictionary<long, PostgresBatchContainer> inFlight = [];
    private readonly Dictionary<long, LeasedRow> leased = [];

    // Messages leased but not yet handed over: a row is leased whole, and the agent's cache takes at
    // most the count it asks for (more would throw CacheFullException and strand the leased rows).
    private readonly Queue<IBatchContainer> held = new();
    private long nextToken;
    private bool takeOverPending = true;
    private DateTimeOffset nextPollAt;
    private TimeSpan idleDelay;
    private DateTimeOffset nextRenewalAt;
    private DateTimeOffset nextMaintenanceAt;
    private DateTimeOffset nextRescanAt;
    private long leasedUpTo;
    private double messagesPerRow = 1;

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
        var room = maxCount <= 0 ? int.MaxValue : maxCount;
        var handed = TakeHeld(room);
        if (handed.Count == room || (handed.Count == 0 && !IsDue(now)))
        {
            return handed;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
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

        // A row holds a segment of messages: lease about as many rows as make the messages the cache
        // wants; what a row brings beyond that waits in `held` for the next read.
        var wanted = Math.Min(room - handed.Count, options.ReadBatchSize);
        var rows = Math.Max(1, (int)(wanted / messagesPerRow));
        var containers = await LeaseAsync(connection, rows, now, cancellationToken);
        if (containers.Count == 0 && handed.Count == 0)
        {
            idleDelay = idleDelay == TimeSpan.Zero ? options.PollInterval : TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.MaxIdlePollInterval.Ticks));
            nextPollAt = now + idleDelay;
        }
        else
        {
            idleDelay = TimeSpan.Zero;
        }

        var fits = Math.Min(containers.Count, room - handed.Count);
        handed.AddRange(containers.Take(fits));
        lock (sync)
        {
            foreach (var container in containers.Skip(fits))
            {
                held.Enqueue(container);
            }
        }

        return handed;
    }

    private List<IBatchContainer> TakeHeld(int room)
    {
        lock (sync)
        {
            var taken = new List<IBatchContainer>(Math.Min(room, held.Count));
            while (taken.Count < room && held.TryDequeue(out var container))
            {
                taken.Add(container);
            }

            return taken;
        }
    }

    private bool IsDue(DateTimeOffset now)
    {
        lock (sync)
        {
            return takeOverPending || now >= nextPollAt || (leased.Count > 0 && now >= nextRenewalAt);
        }
    }

    private async Task<List<IBatchContainer>> LeaseAsync(NpgsqlConnection connection, int rowLimit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = leasedUpTo;
        if (now >= nextRescanAt)
        {
            after = 0;
            nextRescanAt = now + options.RescanInterval;
        }

        var rows = new List<(long Id, int Receipt, byte[] Payload, DateTimeOffset EnqueuedAt)>();
        await using (var command = new NpgsqlCommand(PostgresStreamQueries.Lease, connection))
        {
            AddPartition(command);
            command.Parameters.AddWithValue("after", after);
            command.Parameters.AddWithValue("max_attempts", options.MaxAttempts);
            command.Parameters.AddWithValue("max_count", rowLimit);
            command.Parameters.AddWithValue("visibility", options.VisibilityTimeout);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetInt32(1), (byte[])reader[2], reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        if (rows.Count > 0)
        {
            leasedUpTo = Math.Max(leasedUpTo, rows[^1].Id);
        }

        var containers = new List<IBatchContainer>();
        var unreadable = new List<(long Id, int Receipt, string Reason)>();
        var redelivered = 0;
        lock (sync)
        {
            foreach (var (id, receipt, payload, enqueuedAt) in rows)
            {
                if (!TryRead(payload, out var messages, out var reason))
                {
                    unreadable.Add((id, receipt, reason));
                    continue;
                }

                leased[id] = new LeasedRow(id, receipt, enqueuedAt, messages.Select(m => m.Bytes).ToArray());
                for (var i = 0; i < messages.Count; i++)
                {
                    var container = new PostgresBatchContainer(messages[i].Message, new EventSequenceTokenV2(++nextToken), id, receipt, i);
                    inFlight[container.Token.SequenceNumber] = container;
                    containers.Add(container);
                }

                redelivered += receipt > 1 ? messages.Count : 0;
            }

            if (leased.Count == rows.Count - unreadable.Count)
            {
                nextRenewalAt = now + options.VisibilityTimeout / 3;
            }
        }

        if (rows.Count > 0)
        {
            messagesPerRow = (0.7 * messagesPerRow) + (0.3 * Math.Max(1.0, containers.Count / (double)rows.Count));
        }

        if (redelivered > 0)
        {
            metrics.Redelivered(redelivered);
        }

        // A row nobody can read would otherwise come back forever and hold its partition.
        foreach (var (id, receipt, reason) in unreadable)
        {
            metrics.DeadLettered(await BuryRowAsync(connection, id, receipt, reason, cancellationToken));
            LogUnreadable(logger, provider, queueId, id);
        }

        return containers;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var done = new List<LeasedRow>();
        var delivered = 0;
        lock (sync)
        {
            foreach (var container in messages.OfType<PostgresBatchContainer>())
            {
                if (inFlight.Remove(container.Token.SequenceNumber))
                {
                    delivered++;
                    Settle(container, done);
                }
            }
        }

        metrics.Delivered(delivered);
        if (done.Count > 0)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await DeleteAsync(connection, done, cancellationToken);
        }
    }

    /// <summary>The agent gave up delivering a message to a consumer: write it back to be offered again later, or bury it.</summary>
    public async Task DeliveryFailedAsync(StreamSequenceToken token)
    {
        PostgresBatchContainer? container;
        LeasedRow? row;
        var done = new List<LeasedRow>();
        lock (sync)
        {
            if (!inFlight.Remove(token.SequenceNumber, out container) || !leased.TryGetValue(container.RowId, out row))
            {
                return;
            }

            Settle(container, done);
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        var payload = StreamSegment.Frame([row.Messages[container.Index]]);
        var stream = container.StreamId.ToString();
        if (container.Receipt >= options.MaxAttempts)
        {
            await ExecuteAsync(connection, PostgresStreamQueries.BuryMessage, command =>
            {
                command.Parameters.AddWithValue("stream", stream);
                command.Parameters.AddWithValue("payload", payload);
                command.Parameters.AddWithValue("enqueued_at", row.EnqueuedAt);
                command.Parameters.AddWithValue("attempts", container.Receipt);
                command.Parameters.AddWithValue("reason", $"a consumer failed on it {container.Receipt} times");
            }, CancellationToken.None);
            metrics.DeadLettered(1);
            LogDeadLettered(logger, provider, queueId, container.RowId, container.Receipt);
        }
        else
        {
            await ExecuteAsync(connection, PostgresStreamQueries.Requeue, command =>
            {
                command.Parameters.AddWithValue("stream", stream);
                command.Parameters.AddWithValue("payload", payload);
                command.Parameters.AddWithValue("enqueued_at", row.EnqueuedAt);
                command.Parameters.AddWithValue("attempts", container.Receipt);
                command.Parameters.AddWithValue("delay", options.RetryDelay);
            }, CancellationToken.None);
            nextRescanAt = clock.GetUtcNow() + options.RetryDelay;
            LogRetryLater(logger, provider, queueId, container.RowId, container.Receipt);
        }

        if (done.Count > 0)
        {
            await DeleteAsync(connection, done, CancellationToken.None);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <summary>Hands leased rows back at once, so the next owner of the partition need not wait for their visibility timeout.</summary>
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        metrics.Forget(this);
        List<LeasedRow> pending;
        lock (sync)
        {
            pending = [.. leased.Values];
            leased.Clear();
            inFlight.Clear();
            held.Clear();
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

    /// <summary>One message of a row is settled (delivered or written back); the row is done when all are.</summary>
    private void Settle(PostgresBatchContainer container, List<LeasedRow> done)
    {
        if (leased.TryGetValue(container.RowId, out var row) && --row.Outstanding == 0)
        {
            leased.Remove(container.RowId);
            done.Add(row);
        }
    }

    private Task<int> DeleteAsync(NpgsqlConnection connection, IReadOnlyCollection<LeasedRow> rows, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, PostgresStreamQueries.Acknowledge, command => AddRows(command, rows), cancellationToken);

    private async Task RenewIfDueAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<LeasedRow> pending;
        lock (sync)
        {
            if (leased.Count == 0 || now < nextRenewalAt)
            {
                return;
            }

            pending = [.. leased.Values];
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

    private bool TryRead(byte[] payload, [NotNullWhen(true)] out List<(PostgresStreamMessage Message, byte[] Bytes)>? messages, out string reason)
    {
        try
        {
            messages = [];
            foreach (var frame in StreamSegment.Split(payload))
            {
                var bytes = frame.ToArray();
                messages.Add((serializer.Deserialize(bytes) ?? throw new FormatException("empty message"), bytes));
            }

            reason = "";
            return true;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            messages = null;
            reason = $"payload cannot be read: {exception.GetType().Name}";
            return false;
        }
    }

    private Task<int> BuryRowAsync(NpgsqlConnection connection, long rowId, int receipt, string reason, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, PostgresStreamQueries.DeadLetterOne, command =>
        {
            command.Parameters.AddWithValue("id", rowId);
            command.Parameters.AddWithValue("receipt", receipt);
            command.Parameters.AddWithValue("reason", reason);
        }, cancellationToken);

    private Task<int> SetVisibilityAsync(NpgsqlConnection connection, IReadOnlyCollection<LeasedRow> rows, TimeSpan delay, CancellationToken cancellationToken) =>
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
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("queue", queueId);
    }

    private static void AddRows(NpgsqlCommand command, IReadOnlyCollection<LeasedRow> rows)
    {
        command.Parameters.AddWithValue("ids", rows.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("receipts", rows.Select(r => r.Receipt).ToArray());
    }

    /// <summary>A row this reader leased: its receipt, and its messages not yet settled.</summary>
    private sealed class LeasedRow(long id, int receipt, DateTimeOffset enqueuedAt, byte[][] messages)
    {
        public long Id => id;

        public int Receipt => receipt;

        public DateTimeOffset EnqueuedAt => enqueuedAt;

        public byte[][] Messages => messages;

        public int Outstanding { get; set; } = messages.Length;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Provider} partition {Queue}: took over {Count} rows leased by its previous owner")]
    private static partial void LogTakeOver(ILogger logger, string provider, int queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Provider} partition {Queue}: a message of row {RowId} failed delivery (attempt {Attempt}); offered again later")]
    private static partial void LogRetryLater(ILogger logger, string provider, int queue, long rowId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Provider} partition {Queue}: a message of row {RowId} failed delivery {Attempt} times; moved to the dead letters")]
    private static partial void LogDeadLettered(ILogger logger, string provider, int queue, long rowId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Provider} partition {Queue}: row {RowId} cannot be deserialized; moved to the dead letters")]
    private static partial void LogUnreadable(ILogger logger, string provider, int queue, long rowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Provider} partition {Queue}: {Count} rows leased too often without delivery; moved to the dead letters")]
    private static partial void LogSwept(ILogger logger, string provider, int queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Provider} partition {Queue}: could not hand back {Count} leased rows at shutdown; their lease will expire")]
    private static partial void LogReleaseFailed(ILogger logger, string provider, int queue, int count, Exception exception);
}
