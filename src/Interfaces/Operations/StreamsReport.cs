namespace MonEspaceSante.Interfaces.Operations;

/// <summary>The state of the stream queues, for operators.</summary>
[GenerateSerializer, Immutable, Alias("mes.StreamsReport")]
public sealed record StreamsReport(
    [property: Id(0)] string Backend,
    [property: Id(1)] IReadOnlyList<StreamPartitionStatus> Partitions,
    [property: Id(2)] long DeadLetters);

/// <summary>One partition: rows waiting, rows leased by a reader, age of the oldest row.</summary>
[GenerateSerializer, Immutable, Alias("mes.StreamPartitionStatus")]
public sealed record StreamPartitionStatus(
    [property: Id(0)] int Partition,
    [property: Id(1)] long Depth,
    [property: Id(2)] long Leased,
    [property: Id(3)] double OldestAgeSeconds);
