namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>One valid line of an upload: a person, how to reach them, and their identity traits as the INS record gives them.</summary>
[GenerateSerializer, Immutable, Alias("mes.WaveLine")]
public sealed record WaveLine(
    [property: Id(0)] long LineNumber,
    [property: Id(1)] string Ins,
    [property: Id(2)] string? Email,
    [property: Id(3)] string? PostalAddress,
    [property: Id(4)] DateOnly? BirthDate,
    [property: Id(5)] string? Departement,
    [property: Id(6)] string? BirthName = null,
    [property: Id(7)] string? FirstNames = null,
    [property: Id(8)] string? UsedName = null);

/// <summary>A line refused, with its number in the file and why.</summary>
[GenerateSerializer, Immutable, Alias("mes.UploadLineError")]
public sealed record UploadLineError([property: Id(0)] long LineNumber, [property: Id(1)] string Reason);

/// <summary>A batch of an upload: the valid lines, and those the reader already refused.</summary>
[GenerateSerializer, Immutable, Alias("mes.WaveUploadBatch")]
public sealed record WaveUploadBatch(
    [property: Id(0)] string WaveId,
    [property: Id(1)] string UploadId,
    [property: Id(2)] IReadOnlyList<WaveLine> Lines,
    [property: Id(3)] IReadOnlyList<UploadLineError> Refused);

/// <summary>What a batch did: new people, people already in the wave with the same details, refused lines.</summary>
[GenerateSerializer, Immutable, Alias("mes.WaveUploadResult")]
public sealed record WaveUploadResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int AlreadyPresent,
    [property: Id(2)] IReadOnlyList<UploadLineError> Errors);

/// <summary>An upload's state, for resuming it.</summary>
[GenerateSerializer, Immutable, Alias("mes.WaveUploadStatus")]
public sealed record WaveUploadStatus(
    [property: Id(0)] string UploadId,
    [property: Id(1)] long LastLine,
    [property: Id(2)] long Accepted,
    [property: Id(3)] long Rejected,
    [property: Id(4)] DateTimeOffset? UpdatedAt);
