namespace MonEspaceSante.Postgres.Streams;

/// <summary>What a queue row's payload holds: the events of one produce call, serialized by Orleans.</summary>
[GenerateSerializer, Alias("mes.streams.PostgresStreamMessage")]
public sealed class PostgresStreamMessage
{
    [Id(0)] public StreamId StreamId { get; set; }

    [Id(1)] public List<object> Events { get; set; } = [];

    [Id(2)] public Dictionary<string, object>? RequestContext { get; set; }
}
