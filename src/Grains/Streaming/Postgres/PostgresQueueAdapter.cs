using Orleans.Serialization;
using Orleans.Streams;

namespace MonEspaceSante.Grains.Streaming.Postgres;

/// <summary>
/// The producing side: an event batch becomes one queue row of its stream's partition, and the
/// produce call completes only once that row is committed.
/// </summary>
internal sealed class PostgresQueueAdapter(
    string name,
    IStreamQueueMapper mapper,
    PostgresStreamWriter writer,
    Serializer<PostgresStreamMessage> serializer,
    Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The PostgreSQL stream provider is not rewindable: events cannot be produced at a given sequence token.", nameof(token));
        }

        ArgumentNullException.ThrowIfNull(events);
        var message = new PostgresStreamMessage
        {
            StreamId = streamId,
            Events = events.Cast<object>().ToList(),
            RequestContext = requestContext,
        };
        if (message.Events.Count == 0)
        {
            return Task.CompletedTask;
        }

        var queue = (int)mapper.GetQueueForStream(streamId).GetNumericId();
        return writer.WriteAsync(queue, streamId.ToString(), serializer.SerializeToArray(message));
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
