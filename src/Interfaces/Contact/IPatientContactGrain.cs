using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Enrollment;

namespace MonEspaceSante.Interfaces.Contact;

/// <summary>
/// The contact facet of a person's grain (same grain and key as <see cref="Patients.IPatientGrain"/>): how notices reach
/// the person. The holder side only (the person, or a minor's legal representative); nobody else reads it.
/// </summary>
[Alias("mes.IPatientContactGrain")]
public interface IPatientContactGrain : IGrainWithStringKey
{
    [Alias("GetContact")]
    Task<ContactDetails> GetContactAsync(Accessor accessor);

    /// <summary>Replaces the values <paramref name="update"/> gives (an empty string removes one).</summary>
    [Alias("SetContact")]
    Task<ContactDetails> SetContactAsync(Accessor accessor, ContactUpdate update);

    /// <summary>Registers a device of the person's app for push (the same token again changes nothing); at most 10, the oldest make room.</summary>
    [Alias("RegisterPush")]
    Task<ContactDetails> RegisterPushAsync(Accessor accessor, string token, string platform);

    [Alias("UnregisterPush")]
    Task<ContactDetails> UnregisterPushAsync(Accessor accessor, string token);

    /// <summary>
    /// Puts the access digest of <paramref name="day"/> in the outbox, addressed as the person wants it (once per day
    /// however often it is asked); called by the daily digest job, not by a person.
    /// </summary>
    [Alias("SendAccessDigest")]
    Task SendAccessDigestAsync(DateOnly day, IReadOnlyList<AccessDigestLine> lines);

    /// <summary>Chooses the channel of one kind of notice (Off is refused for urgent access).</summary>
    [Alias("SetNoticePreference")]
    Task<ContactDetails> SetPreferenceAsync(Accessor accessor, NoticeKind kind, NoticePreference preference);
}
