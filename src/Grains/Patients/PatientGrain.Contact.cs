using System.Text.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Grains.Patients;

/// <summary>The contact facet's calls (<see cref="Contact.ContactFacet"/>), and the access digest the daily job hands the person.</summary>
internal sealed partial class PatientGrain
{
    Task<ContactDetails> IPatientContactGrain.GetContactAsync(Accessor accessor) => contact.GetAsync(accessor);
    Task<ContactDetails> IPatientContactGrain.SetContactAsync(Accessor accessor, ContactUpdate update) => contact.SetAsync(accessor, update);
    Task<ContactDetails> IPatientContactGrain.RegisterPushAsync(Accessor accessor, string token, string platform) => contact.RegisterPushAsync(accessor, token, platform);
    Task<ContactDetails> IPatientContactGrain.UnregisterPushAsync(Accessor accessor, string token) => contact.UnregisterPushAsync(accessor, token);
    Task<ContactDetails> IPatientContactGrain.SetPreferenceAsync(Accessor accessor, NoticeKind kind, NoticePreference preference) => contact.SetPreferenceAsync(accessor, kind, preference);

    async Task IPatientContactGrain.SendAccessDigestAsync(DateOnly day, IReadOnlyList<AccessDigestLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var key = $"digest:{InsMask.Mask(Person.Value)}:{day:yyyy-MM-dd}";
        if (lines.Count > 0 && await contact.NoticeAsync(key, NoticeKind.AccessDigest, privately: false) is { } notice)
        {
            await services.Effects.RecordNoticeAsync(notice with { Details = JsonSerializer.Serialize(lines, JsonSerializerOptions.Web) });
        }
    }
}
