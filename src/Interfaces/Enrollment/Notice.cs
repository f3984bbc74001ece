using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>What a notice says: never health data, only that something about the space happened.</summary>
public enum NoticeKind
{
    /// <summary>"Your space will open on the deadline unless you oppose."</summary>
    OpeningAnnouncement = 0,

    /// <summary>"Your space is open."</summary>
    SpaceOpened = 1,

    /// <summary>"A measurement needs your attention: open your space." (never the value).</summary>
    MeasurementAlert = 2,

    /// <summary>"You have a new message in your space." (never its content).</summary>
    NewMessage = 3,

    /// <summary>"A professional used emergency or break-glass access to your space."</summary>
    UrgentAccess = 4,

    /// <summary>"Yesterday, these people accessed your space: who and when." (never what they read).</summary>
    AccessDigest = 5,
}

/// <summary>A notice for the mailing service: kind, channel, address and the recipient's name; no INS, no health data.</summary>
[GenerateSerializer, Immutable, Alias("mes.Notice")]
public sealed record Notice(
    [property: Id(0)] long Id,
    [property: Id(1)] NoticeKind Kind,
    [property: Id(2)] NoticeChannel Channel,
    [property: Id(3)] string? Email,
    [property: Id(4)] string? PostalAddress,
    [property: Id(5)] string? WaveId,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? Deadline,
    [property: Id(8)] string? RecipientName = null);

/// <summary>What marking notices sent did.</summary>
[GenerateSerializer, Immutable, Alias("mes.NoticeAcknowledgement")]
public sealed record NoticeAcknowledgement([property: Id(0)] int Marked, [property: Id(1)] int AlreadySent, [property: Id(2)] int Unknown);
