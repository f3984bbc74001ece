using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Serialization;
using Orleans.Streams;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// Reads one partition for the pulling agent of the silo that owns it. Rows (segments of messages)
/// are leased, not removed, when read; the lease is renewed while any of their messages is in
/// flight, and a row is deleted only when the agent has reported every message of it delivered,
/// that is once every consumer's handler returned. A message the agent gave up on is written back
/// as a row of its own, offered again after <see cref="PostgresStreamOptions.RetryDelay"/>, or
/// buried in the dead letters after <see cref="PostgresStreamOptions.MaxAttempts"/> attempts.
/// The bookkeeping is <see cref="LeaseBook"/>'s, the timing <see cref="ReceiverSchedule"/>'s and the
/// SQL <see cref="PostgresQueueTable"/>'s: this class runs them on the agent's reads.
/// </summary>
internal sealed partial class PostgresQueueReceiver(
    string provider, int queueId, NpgsqlDataSource dataSource, PostgresStreamOptions options,
    Serializer<PostgresStreamMessage> serializer, PostgresStreamMetrics metrics, ILogger logger, TimeProvider clock) : IQueueAdapterReceiver
{
    private readonly LeaseBook book = new();
    private readonly ReceiverSchedule schedule = new(options);
    private readonly PostgresQueueTable table = new(provider, queueId);
    private long leasedUpTo;
    private double messagesPerRow = 1;

    /// <summary>Rows of this partition were committed by this process: look at once instead of waiting for the idle back-off.</summary>
    public void Wake() => schedule.Wake();

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    // The agent never retries a failed Initialize: the take-over happens on the first read instead,
    // where a failure is simply retried at the next poll.
    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var room = maxCount <= 0 ? int.MaxValue : maxCount;
        var handed = book.TakeHeld(room);
        if (handed.Count == room || (handed.Count == 0 && !schedule.IsDue(now, book.LeasedRows > 0)))
        {
            return handed;
        }

        try
        {
            await ReadMoreAsync(handed, room, now, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent stops reading this partition (the silo shuts down, or the queue moves to another silo when the
            // cluster rebalances): an expected end, not a failure for the agent to log. Rows leased by the cancelled
            // read and not handed are offered again when their lease lapses.
        }

        return handed;
    }

    private async Task ReadMoreAsync(List<IBatchContainer> handed, int room, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (schedule.TakeOverDue)
        {
            var taken = await table.TakeOverAsync(connection, cancellationToken);
            schedule.TookOver();
            if (taken > 0)
            {
                LogTakeOver(logger, provider, queueId, taken);
            }
        }

        if (schedule.RenewalDue(now, book.LeasedRows > 0))
        {
            await table.SetVisibilityAsync(connection, book.Leased(), options.VisibilityTimeout, cancellationToken);
        }

        if (schedule.MaintenanceDue(now))
        {
            await MaintainAsync(connection, cancellationToken);
        }

        // A row holds a segment of messages: lease about as many rows as make the messages the cache
        // wants; what a row brings beyond that waits in the book for the next read.
        var wanted = Math.Min(room - handed.Count, options.ReadBatchSize);
        var containers = await LeaseAsync(connection, Math.Max(1, (int)(wanted / messagesPerRow)), now, cancellationToken);
        schedule.AfterRead(now, empty: containers.Count == 0 && handed.Count == 0);
        var fits = Math.Min(containers.Count, room - handed.Count);
        handed.AddRange(containers.Take(fits));
        book.Hold(containers.Skip(fits));
    }

    private async Task<List<PostgresBatchContainer>> LeaseAsync(NpgsqlConnection connection, int rowLimit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var heldBefore = book.LeasedRows;
        var rows = await table.LeaseAsync(connection, schedule.LeaseAfter(now, leasedUpTo), options.MaxAttempts, rowLimit, options.VisibilityTimeout, cancellationToken);
        if (rows.Count > 0)
        {
            leasedUpTo = Math.Max(leasedUpTo, rows[^1].Id);
        }

        var containers = new List<PostgresBatchContainer>();
        var redelivered = 0;
        foreach (var row in rows)
        {
            if (!TryRead(row.Payload, out var messages, out var reason))
            {
                // A row nobody can read would otherwise come back forever and hold its partition.
                metrics.DeadLettered(await table.BuryRowAsync(connection, row.Id, row.Receipt, reason, cancellationToken));
                LogUnreadable(logger, provider, queueId, row.Id);
                continue;
            }

            containers.AddRange(book.Lease(row.Id, row.Receipt, row.EnqueuedAt, messages));
            redelivered += row.Receipt > 1 ? messages.Count : 0;
        }

        if (heldBefore == 0 && book.LeasedRows > 0)
        {
            schedule.FirstLeasedAt(now);
        }

        if (rows.Count > 0)
        {
            messagesPerRow = (0.7 * messagesPerRow) + (0.3 * Math.Max(1.0, containers.Count / (double)rows.Count));
        }

        if (redelivered > 0)
        {
            metrics.Redelivered(redelivered);
        }

        return containers;
    }

    private async Task MaintainAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var buried = await table.SweepExhaustedAsync(connection, options.MaxAttempts, cancellationToken);
        if (buried > 0)
        {
            metrics.DeadLettered(buried);
            LogSwept(logger, provider, queueId, buried);
        }

        var (depth, oldest) = await table.DepthAsync(connection, cancellationToken);
        metrics.Report(this, queueId, depth, oldest);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Provider} partition {Queue}: took over {Count} rows leased by its previous owner")]
    private static partial void LogTakeOver(ILogger logger, string provider, int queue, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Provider} partition {Queue}: row {RowId} cannot be deserialized; moved to the dead letters")]
    private static partial void LogUnreadable(ILogger logger, string provider, int queue, long rowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Provider} partition {Queue}: {Count} rows leased too often without delivery; moved to the dead letters")]
    private static partial void LogSwept(ILogger logger, string provider, int queue, int count);
}
