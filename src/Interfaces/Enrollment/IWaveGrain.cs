namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>
/// One opt-out wave (key: its id). It owns the wave's schedule: exactly one durable reminder, which
/// launches the wave at its start, watches the fan-out partitions, and opens the spaces at the deadline.
/// </summary>
[Alias("mes.IWaveGrain")]
public interface IWaveGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<WaveStatus> CreateAsync(WaveDefinition definition);

    [Alias("GetStatus")]
    Task<WaveStatus> GetStatusAsync();

    /// <summary>Sends the notices now (idempotent once launched).</summary>
    [Alias("Launch")]
    Task<WaveStatus> LaunchAsync();

    /// <summary>Runs the schedule check the reminder runs (operators and tests need not wait for it).</summary>
    [Alias("Tick")]
    Task<WaveStatus> TickAsync();
}

/// <summary>One partition of a wave's people: fans the wave's events out to their grains, page by page.</summary>
[Alias("mes.IWavePartitionGrain")]
public interface IWavePartitionGrain : IGrainWithStringKey
{
    /// <summary>Starts (or keeps running) the fan-out of <paramref name="phase"/>; returns at once.</summary>
    [Alias("Run")]
    Task RunAsync(WavePhase phase);
}

/// <summary>Writes upload batches to a wave (stateless: many run at once).</summary>
[Alias("mes.IWaveUploadGrain")]
public interface IWaveUploadGrain : IGrainWithIntegerKey
{
    [Alias("Accept")]
    Task<WaveUploadResult> AcceptAsync(WaveUploadBatch batch);

    [Alias("GetUpload")]
    Task<WaveUploadStatus> GetUploadAsync(string waveId, string uploadId);

    [Alias("GetErrors")]
    Task<IReadOnlyList<UploadLineError>> GetErrorsAsync(string waveId, string uploadId, long afterLine, int limit);

    [Alias("ListWaves")]
    Task<IReadOnlyList<WaveStatus>> ListWavesAsync();
}

/// <summary>The outbox of notices, for the mailing service (stateless).</summary>
[Alias("mes.INoticesGrain")]
public interface INoticesGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Notices not yet sent, oldest first, after <paramref name="afterId"/>: the letters, or every channel when the
    /// dispatcher is off.
    /// </summary>
    [Alias("GetPending")]
    Task<IReadOnlyList<Notice>> GetPendingAsync(long afterId, int limit);

    /// <summary>Marks notices sent; marking twice changes nothing.</summary>
    [Alias("MarkSent")]
    Task<NoticeAcknowledgement> MarkSentAsync(IReadOnlyList<long> ids);

    /// <summary>The notices the dispatcher failed to deliver (given up, or waiting for another attempt), oldest first, after <paramref name="afterId"/>.</summary>
    [Alias("GetUndelivered")]
    Task<IReadOnlyList<UndeliveredNotice>> GetUndeliveredAsync(long afterId, int limit);

    /// <summary>Makes a notice the dispatcher gave up due again, with its attempts counted from zero; false when it is not given up.</summary>
    [Alias("Retry")]
    Task<bool> RetryAsync(long id);
}

/// <summary>
/// A notice the dispatcher did not deliver, for the operators: why (the last error), how often it tried, when it tries
/// again or when it gave up. The recipient is masked (<c>c***@example.org</c>): operators fix a delivery, not read addresses.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.UndeliveredNotice")]
public sealed record UndeliveredNotice(
    [property: Id(0)] long Id,
    [property: Id(1)] NoticeKind Kind,
    [property: Id(2)] Patients.NoticeChannel Channel,
    [property: Id(3)] string? Recipient,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string? LastError,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] DateTimeOffset? FailedAt,
    [property: Id(8)] DateTimeOffset CreatedAt);
