using System.Threading.Channels;

namespace MonEspaceSante.Postgres.Batching;

/// <summary>An operation waiting in a <see cref="GroupCommit{T}"/>; the batch completes or fails it.</summary>
public interface IGroupCommitItem
{
    /// <summary>Fails the caller's task unless the batch already completed it.</summary>
    void Fail(Exception exception);
}

/// <summary>
/// Coalesces concurrent operations of many grains into one statement per batch: callers enqueue and
/// await their item; a lane loop takes whatever is waiting (up to <c>maxBatch</c>) and runs it as one
/// batch. Under load, batches grow and the cost per operation falls; alone, an operation waits for
/// one round trip only. Items of one lane key are handled in order.
/// </summary>
public sealed class GroupCommit<T> : IAsyncDisposable
    where T : class, IGroupCommitItem
{
    private readonly Channel<T>[] lanes;
    private readonly Task[] loops;
    private readonly int maxBatch;
    private readonly Func<T, int> laneOf;
    private readonly Func<List<T>, Task> execute;

    public GroupCommit(int laneCount, int maxBatch, Func<T, int> laneOf, Func<List<T>, Task> execute)
    {
        this.maxBatch = maxBatch;
        this.laneOf = laneOf;
        this.execute = execute;
        lanes = new Channel<T>[laneCount];
        loops = new Task[laneCount];
        for (var i = 0; i < laneCount; i++)
        {
            var lane = lanes[i] = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
            loops[i] = Task.Run(() => RunAsync(lane));
        }
    }

    /// <summary>Queues <paramref name="item"/>; the caller awaits the task the item exposes.</summary>
    public void Enqueue(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var lane = lanes[(int)((uint)laneOf(item) % (uint)lanes.Length)];
        if (!lane.Writer.TryWrite(item))
        {
            item.Fail(new ObjectDisposedException(nameof(GroupCommit<T>), "Shutting down: the operation was not performed."));
        }
    }

    private async Task RunAsync(Channel<T> lane)
    {
        var batch = new List<T>(maxBatch);
        while (await lane.Reader.WaitToReadAsync())
        {
            while (batch.Count < maxBatch && lane.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await execute(batch);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                foreach (var item in batch)
                {
                    item.Fail(exception);
                }
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(loops);
    }
}
