using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;

namespace MonEspaceSante.Grains.Contact;

/// <summary>
/// The contact facet: what the person set (null: not set, the wave's value stands; empty: removed), their app's push
/// registrations, and their channel per kind of notice.
/// </summary>
[GenerateSerializer, Alias("mes.ContactState")]
public sealed class ContactState
{
    [Id(0)] public string? Email { get; set; }

    [Id(1)] public string? Mobile { get; set; }

    [Id(2)] public string? PostalAddress { get; set; }

    [Id(3)] public string? RecipientName { get; set; }

    [Id(4)] public List<PushRegistration> PushRegistrations { get; set; } = [];

    [Id(5)] public Dictionary<NoticeKind, NoticePreference> Preferences { get; set; } = [];
}
