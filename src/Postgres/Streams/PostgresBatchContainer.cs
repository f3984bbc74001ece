using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// One message of a queue row as the pulling agent and the consumers see it. The token is a
/// reader-local counter (messages re-read after a failure or a failover get a new, larger one, which
/// the cache requires); the row id, its lease receipt (the dequeue count) and the index in the row's
/// segment say what to delete, or to offer again, once the agent is done with it.
/// </summary>
[GenerateSerializer, Alias("mes.streams.PostgresBatchContainer")]
public sealed class PostgresBatchContainer : IBatchContainer
{
    public PostgresBatchContainer(PostgresStreamMessage message, EventSequenceTokenV2 token, long rowId, int receipt, int index)
    {
        Index = index;
        ArgumentNullException.ThrowIfNull(message);
        StreamId = message.StreamId;
        Events = message.Events;
        RequestContext = message.RequestContext;
        Token = token;
        RowId = rowId;
        Receipt = receipt;
    }

    [Id(0)] public StreamId StreamId { get; private set; }

    [Id(1)] public List<object> Events { get; private set; }

    [Id(2)] public Dictionary<string, object>? RequestContext { get; private set; }

    [Id(3)] public EventSequenceTokenV2 Token { get; private set; }

    [Id(4)] public long RowId { get; private set; }

    [Id(5)] public int Receipt { get; private set; }

    [Id(6)] public int Index { get; private set; }

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] is T typed)
            {
                yield return Tuple.Create(typed, (StreamSequenceToken)Token.CreateSequenceTokenForEvent(i));
            }
        }
    }

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public override string ToString() => $"PostgresBatchContainer(row {RowId}#{Index}, attempt {Receipt}, {Events.Count} events)";
}
