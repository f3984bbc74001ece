using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>What a wave tells one person's grain, through the <c>enrollment</c> stream keyed by their grain key.</summary>
[GenerateSerializer, Immutable, Alias("mes.EnrollmentEvent")]
public abstract record EnrollmentEvent([property: Id(0)] string WaveId);

/// <summary>The wave's notice: the person may oppose until the deadline.</summary>
[GenerateSerializer, Immutable, Alias("mes.WaveNoticeEvent")]
public sealed record WaveNoticeEvent(
    string WaveId,
    [property: Id(0)] NoticeChannel Channel,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? PostalAddress,
    [property: Id(3)] DateTimeOffset NotifiedAt,
    [property: Id(4)] DateTimeOffset Deadline,
    [property: Id(5)] string? RecipientName = null) : EnrollmentEvent(WaveId);

/// <summary>The wave's deadline passed: spaces of people who did not oppose open now.</summary>
[GenerateSerializer, Immutable, Alias("mes.WaveDeadlineEvent")]
public sealed record WaveDeadlineEvent(string WaveId) : EnrollmentEvent(WaveId);
