using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// Group commit for producers: concurrent produce calls are written together, framed into
/// segments (one row per partition and up to <see cref="PostgresStreamOptions.MaxSegmentMessages"/>
/// messages), one binary COPY per batch; each caller's task completes only once its message is
/// committed. A partition always goes through the same lane, so messages of one stream are written
/// in the order they were produced.
/// </summary>
public sealed partial class PostgresStreamWriter : IAsyncDisposable
{
    private readonly string provider;
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresStreamOptions options;
    private readonly PostgresStreamMetrics metrics;
    private readonly ILogger logger;
    private readonly Channel<PendingRow>[] lanes;
    private readonly Task[] loops;

    public PostgresStreamWriter(string provider, NpgsqlDataSource dataSource, PostgresStreamOptions options, PostgresStreamMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.provider = provider;
        this.dataSource = dataSource;
        this.options = options;
        this.metrics = metrics;
        this.logger = logger;
        lanes = new Channel<PendingRow>[options.WriterLanes];
        loops = new Task[options.WriterLanes];
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = Channel.CreateUnbounded<PendingRow>(new UnboundedChannelOptions { SingleReader = true });
            var lane = lanes[i];
            loops[i] = Task.Run(() => RunLaneAsync(lane));
        }
    }

    /// <summary>Raised after rows of a partition were committed by this process (local readers poll at once).</summary>
    public event Action<int>? Committed;

    /// <summary>Completes once the row is committed; fails if it could not be written (then nothing was acknowledged).</summary>
    public Task WriteAsync(int queueId, string streamId, byte[] payload) => WriteManyAsync([(queueId, streamId, payload)]);

    /// <summary>
    /// Writes many messages at once, with one completion for them all: completes once every one is
    /// committed, fails if any could not be written.
    /// </summary>
    public Task WriteManyAsync(IReadOnlyList<(int QueueId, string StreamId, byte[] Payload)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        var group = new RowGroup(rows.Count);
        foreach (var (queueId, streamId, payload) in rows)
        {
            if (!lanes[queueId % lanes.Length].Writer.TryWrite(new PendingRow(queueId, streamId, payload, group)))
            {
                throw new ObjectDisposedException(nameof(PostgresStreamWriter), "The stream writer is shut down; the events were not written.");
            }
        }

        return group.Done.Task;
    }

    private async Task RunLaneAsync(Channel<PendingRow> lane)
    {
        var batch = new List<PendingRow>(options.WriteBatchSize);
        while (await lane.Reader.WaitToReadAsync())
        {
            while (batch.Count < options.WriteBatchSize && lane.Reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            try
            {
                await CopyAsync(batch);
                metrics.Enqueued(batch.Count);
                foreach (var row in batch)
                {
                    row.Group.Committed();
                }

                foreach (var queue in batch.Select(r => r.QueueId).Distinct())
                {
                    Committed?.Invoke(queue);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                LogWriteFailed(logger, batch.Count, provider, exception);
                foreach (var row in batch)
                {
                    row.Group.Failed(exception);
                }
            }

            batch.Clear();
        }
    }

    private async Task CopyAsync(List<PendingRow> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync(PostgresStreamQueries.Copy);
        foreach (var partition in batch.GroupBy(r => r.QueueId))
        {
            foreach (var segment in partition.Chunk(options.MaxSegmentMessages))
            {
                await import.StartRowAsync();
                await import.WriteAsync(provider, NpgsqlDbType.Text);
                await import.WriteAsync(partition.Key, NpgsqlDbType.Integer);
                await import.WriteAsync(Describe(segment), NpgsqlDbType.Text);
                await import.WriteAsync(StreamSegment.Frame([.. segment.Select(r => r.Payload)]), NpgsqlDbType.Bytea);
            }
        }

        await import.CompleteAsync();
    }

    /// <summary>The stream_id column: the stream when a segment holds one, a count otherwise (for operators).</summary>
    internal static string Describe(IReadOnlyCollection<PendingRow> segment)
    {
        var first = segment.First().StreamId;
        if (segment.All(r => r.StreamId == first))
        {
            return first;
        }

        return $"({segment.Count} events of {segment.Select(r => r.StreamId).Distinct().Count()} streams)";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(loops);
    }

    /// <summary>A row to write, and the rows written with it by one call.</summary>
    internal sealed record PendingRow(int QueueId, string StreamId, byte[] Payload, RowGroup Group);

    /// <summary>The rows of one write call: done when the last is committed, failed as soon as one fails.</summary>
    internal sealed class RowGroup(int count)
    {
        private int left = count;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Committed()
        {
            if (Interlocked.Decrement(ref left) == 0)
            {
                Done.TrySetResult();
            }
        }

        public void Failed(Exception exception) => Done.TrySetException(exception);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} events to stream provider {Provider} failed; producers get the error")]
    private static partial void LogWriteFailed(ILogger logger, int count, string provider, Exception exception);
}
