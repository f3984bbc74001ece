namespace MonEspaceSante.Interfaces.Patients;

/// <summary>The state of a person's space as its holder (or an operator) sees it.</summary>
[GenerateSerializer, Immutable, Alias("mes.SpaceView")]
public sealed record SpaceView
{
    [Id(0)] public required EnrollmentStatus Status { get; init; }

    /// <summary>The wave notice, when the person was notified.</summary>
    [Id(1)] public EnrollmentNotice? Notice { get; init; }

    [Id(2)] public DateTimeOffset? OpposedAt { get; init; }

    [Id(3)] public OppositionSource? OpposedBy { get; init; }

    [Id(4)] public DateTimeOffset? ActivatedAt { get; init; }

    [Id(5)] public ActivationMode? ActivationMode { get; init; }

    [Id(6)] public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Until when a closed space is archived (10 years), and may be reopened.</summary>
    [Id(7)] public DateTimeOffset? ArchivedUntil { get; init; }

    /// <summary>True while the person may still oppose (notified, deadline not passed).</summary>
    [Id(8)] public bool CanOppose { get; init; }

    /// <summary>When the holder asked for early erasure of the closed space (withdrawn by reopening it or by taking the request back).</summary>
    [Id(9)] public DateTimeOffset? ErasureRequestedAt { get; init; }

    /// <summary>When the closed space's data is erased for good: the end of the archive period, or sooner on request.</summary>
    [Id(10)] public DateTimeOffset? ErasureDueAt { get; init; }
}
