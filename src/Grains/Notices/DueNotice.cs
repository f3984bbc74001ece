using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Notices;

/// <summary>A notice a dispatcher claimed: what it says (kind, deadline, digest lines) and to whom.</summary>
public sealed record DueNotice(
    long Id,
    NoticeKind Kind,
    NoticeChannel Channel,
    string? Email,
    string? Mobile,
    IReadOnlyList<string> PushTokens,
    string? RecipientName,
    DateTimeOffset? Deadline,
    IReadOnlyList<AccessDigestLine> Digest,
    int Attempts);


/// <summary>What sending one notice did.</summary>
public enum SendOutcome
{
    Sent,

    /// <summary>Worth another attempt later (the server was away, a temporary refusal).</summary>
    Retry,

    /// <summary>Never deliverable as it is (no address, a refused mailbox): given up at once.</summary>
    GiveUp,
}

/// <summary>The outcome of one notice, with the reason of a failure (no address, no content).</summary>
public sealed record SendResult(SendOutcome Outcome, string? Error = null)
{
    public static SendResult Sent { get; } = new(SendOutcome.Sent);
}
