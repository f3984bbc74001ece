using Orleans.Serialization;
using Orleans.Streams;

namespace MonEspaceSante.Postgres.Streams;

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
        var batch = events.Cast<object>().ToList();
        return batch.Count == 0 ? Task.CompletedTask : writer.WriteManyAsync([Row(streamId, batch, requestContext)]);
    }

    /// <summary>
    /// Produces one event to each of many streams, as many <c>OnNextAsync</c> calls would (the same
    /// rows: one message per event, in its stream's queue), in one write. Completes once all are
    /// committed. A wave fans out this way (the grains project's StreamFanOut says why).
    /// </summary>
    public Task ProduceAsync<T>(IReadOnlyList<(StreamId Stream, T Event)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return writer.WriteManyAsync(events.Select(e => Row(e.Stream, [e.Event!], null)).ToList());
    }

    private (int QueueId, string StreamId, byte[] Payload) Row(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        var message = new PostgresStreamMessage { StreamId = streamId, Events = events, RequestContext = requestContext };
        return ((int)mapper.GetQueueForStream(streamId).GetNumericId(), streamId.ToString(), serializer.SerializeToArray(message));
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
