namespace MonEspaceSante.Interfaces.Access;

/// <summary>One line of a person's access history: who read or wrote what, when, and how.</summary>
[GenerateSerializer, Immutable, Alias("mes.AccessRecord")]
public sealed record AccessRecord(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] AccessorRole Role,
    [property: Id(3)] string ActorId,
    [property: Id(4)] string Action,
    [property: Id(5)] string Resource,
    [property: Id(6)] string How);

/// <summary>A page of the access history, newest first; <see cref="Before"/> continues it.</summary>
[GenerateSerializer, Immutable, Alias("mes.AccessHistoryPage")]
public sealed record AccessHistoryPage(
    [property: Id(0)] IReadOnlyList<AccessRecord> Records,
    [property: Id(1)] long? Before);
