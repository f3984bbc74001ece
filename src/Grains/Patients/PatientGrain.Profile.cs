using System.Text.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Patients;

/// <summary>The medical profile's and the contact facet's calls (<see cref="Profile.MedicalProfileFacet"/>, <see cref="Contact.ContactFacet"/>).</summary>
internal sealed partial class PatientGrain
{
    Task<ProfileSaveResult> IPatientMedicalProfileGrain.SaveAsync(Accessor accessor, ProfileDraft draft) => medicalProfile.SaveAsync(accessor, draft);
    Task<ProfileEntry> IPatientMedicalProfileGrain.GetAsync(Accessor accessor, ProfileKind kind, string id) => medicalProfile.GetAsync(accessor, kind, id);
    Task<IReadOnlyList<ProfileEntry>> IPatientMedicalProfileGrain.ListAsync(Accessor accessor, ProfileKind kind) => medicalProfile.ListAsync(accessor, kind);
    Task IPatientMedicalProfileGrain.RemoveAsync(Accessor accessor, string id) => medicalProfile.RemoveAsync(accessor, id);
    Task<ProfileEntry> IPatientMedicalProfileGrain.SetMaskedAsync(Accessor accessor, string id, bool masked) => medicalProfile.SetMaskedAsync(accessor, id, masked);
    Task<MedicalProfileView> IPatientMedicalProfileGrain.GetProfileAsync(Accessor accessor) => medicalProfile.GetProfileAsync(accessor);
    Task<ProfileDeclarations> IPatientMedicalProfileGrain.SetDeclarationsAsync(Accessor accessor, ProfileDeclarations declarations) => medicalProfile.SetDeclarationsAsync(accessor, declarations);

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
