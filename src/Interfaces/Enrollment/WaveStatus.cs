namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>A wave and its progress.</summary>
[GenerateSerializer, Immutable, Alias("mes.WaveStatus")]
public sealed record WaveStatus
{
    [Id(0)] public required string WaveId { get; init; }

    [Id(1)] public required WaveDefinition Definition { get; init; }

    [Id(2)] public required WavePhase Phase { get; init; }

    [Id(3)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When notices went out; the opposition window starts then.</summary>
    [Id(4)] public DateTimeOffset? LaunchedAt { get; init; }

    [Id(5)] public DateTimeOffset? Deadline { get; init; }

    /// <summary>People uploaded to the wave.</summary>
    [Id(6)] public long Members { get; init; }

    /// <summary>People by outcome (every <see cref="MemberOutcome"/> is present).</summary>
    [Id(7)] public IReadOnlyDictionary<MemberOutcome, long> Outcomes { get; init; } = new Dictionary<MemberOutcome, long>();

    /// <summary>Notices (then openings) sent down the stream, not necessarily handled yet.</summary>
    [Id(8)] public long Dispatched { get; init; }

    /// <summary>Outcomes recorded over the last minute, per second.</summary>
    [Id(9)] public double RatePerSecond { get; init; }

    /// <summary>Time left for the current phase at the current rate, when there is one.</summary>
    [Id(10)] public TimeSpan? EstimatedRemaining { get; init; }

    [Id(11)] public DateTimeOffset? CompletedAt { get; init; }
}
