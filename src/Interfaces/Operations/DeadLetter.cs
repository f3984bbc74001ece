namespace MonEspaceSante.Interfaces.Operations;

/// <summary>An event batch that could not be delivered. The stream id is shown with any INS masked.</summary>
[GenerateSerializer, Immutable, Alias("mes.DeadLetter")]
public sealed record DeadLetter(
    [property: Id(0)] long Id,
    [property: Id(1)] int Partition,
    [property: Id(2)] string Stream,
    [property: Id(3)] DateTimeOffset EnqueuedAt,
    [property: Id(4)] DateTimeOffset DeadAt,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string Reason,
    [property: Id(7)] int PayloadBytes);
