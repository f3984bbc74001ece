using MonEspaceSante.Interfaces.Enrollment;

namespace MonEspaceSante.Interfaces.Contact;

/// <summary>
/// How the person is reached, as notices use it: what they gave, else what the wave that notified them carried; their
/// app's push registrations; their choice of channel per kind of notice.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.ContactDetails")]
public sealed record ContactDetails(
    [property: Id(0)] string? Email,
    [property: Id(1)] string? Mobile,
    [property: Id(2)] string? PostalAddress,
    [property: Id(3)] string? RecipientName,
    [property: Id(4)] IReadOnlyList<PushRegistration> PushRegistrations,
    [property: Id(5)] IReadOnlyDictionary<NoticeKind, NoticePreference> Preferences);

/// <summary>A device of the person's app that receives push notifications.</summary>
/// <param name="Token">The token the push provider gave the device (opaque).</param>
/// <param name="Platform">apns, fcm or web.</param>
/// <param name="RegisteredAt">When the device was registered.</param>
/// <param name="ByHolder">Registered by the person themself, not by a legal representative: a minor's private notices go there only.</param>
[GenerateSerializer, Immutable, Alias("mes.PushRegistration")]
public sealed record PushRegistration(
    [property: Id(0)] string Token,
    [property: Id(1)] string Platform,
    [property: Id(2)] DateTimeOffset RegisteredAt,
    [property: Id(3)] bool ByHolder);

/// <summary>How the person wants one kind of notice: by the default channel, a given one, or not at all.</summary>
public enum NoticePreference
{
    /// <summary>E-mail when known, else push, else SMS.</summary>
    Default = 0,
    Email = 1,
    Push = 2,
    Sms = 3,

    /// <summary>Not sent (refused for urgent-access notices, which the person is always told of).</summary>
    Off = 4,
}
