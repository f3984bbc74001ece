using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Streams;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>The receiver's side after a read: messages delivered or given up on, and the partition handed back at shutdown.</summary>
internal sealed partial class PostgresQueueReceiver
{
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var (delivered, done) = book.Delivered(messages);
        metrics.Delivered(delivered);
        if (done.Count > 0)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await table.AcknowledgeAsync(connection, done, cancellationToken);
        }
    }

    /// <summary>The agent gave up delivering a message to a consumer: write it back to be offered again later, or bury it.</summary>
    public async Task DeliveryFailedAsync(StreamSequenceToken token)
    {
        if (book.Failed(token) is not var (container, row, done))
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        var payload = StreamSegment.Frame([row.Messages[container.Index]]);
        var stream = container.StreamId.ToString();
        if (container.Receipt >= options.MaxAttempts)
        {
            await table.BuryMessageAsync(connection, stream, payload, row.EnqueuedAt, container.Receipt, $"a consumer failed on it {container.Receipt} times");
            metrics.DeadLettered(1);
            LogDeadLettered(logger, provider, queueId, container.RowId, container.Receipt);
        }
        else
        {
            await table.RequeueAsync(connection, stream, payload, row.EnqueuedAt, container.Receipt, options.RetryDelay);
            schedule.RescanAfterRetry(clock.GetUtcNow());
            LogRetryLater(logger, provider, queueId, container.RowId, container.Receipt);
        }

        if (done.Count > 0)
        {
            await table.AcknowledgeAsync(connection, done, CancellationToken.None);
        }
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <summary>Hands leased rows back at once, so the next owner of the partition need not wait for their visibility timeout.</summary>
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        metrics.Forget(this);
        var pending = book.Release();
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await table.SetVisibilityAsync(connection, pending, TimeSpan.Zero, cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Their lease simply runs out: the next owner takes them over then.
            LogReleaseFailed(logger, provider, queueId, pending.Count, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Provider} partition {Queue}: a message of row {RowId} failed delivery (attempt {Attempt}); offered again later")]
    private static partial void LogRetryLater(ILogger logger, string provider, int queue, long rowId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Provider} partition {Queue}: a message of row {RowId} failed delivery {Attempt} times; moved to the dead letters")]
    private static partial void LogDeadLettered(ILogger logger, string provider, int queue, long rowId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Provider} partition {Queue}: could not hand back {Count} leased rows at shutdown; their lease will expire")]
    private static partial void LogReleaseFailed(ILogger logger, string provider, int queue, int count, Exception exception);
}
