namespace MonEspaceSante.Tests.Streams;

/// <summary>An event for the stream probe: its position in its stream, and how the probe's handler behaves on it.</summary>
[GenerateSerializer, Immutable, Alias("mes.tests.ProbeEvent")]
public sealed record ProbeEvent([property: Id(0)] int Seq, [property: Id(1)] ProbeBehavior Behavior = ProbeBehavior.Succeed, [property: Id(2)] int Parameter = 0);

public enum ProbeBehavior
{
    Succeed = 0,

    /// <summary>Throws on the first <see cref="ProbeEvent.Parameter"/> invocations, then succeeds.</summary>
    FailTimes = 1,

    /// <summary>Throws for <see cref="ProbeEvent.Parameter"/> milliseconds after its first invocation, then succeeds.</summary>
    FailForMilliseconds = 2,

    /// <summary>Always throws.</summary>
    AlwaysFail = 3,
}
