using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Patients;

/// <summary>The medical profile facet's calls (<see cref="Profile.MedicalProfileFacet"/>).</summary>
internal sealed partial class PatientGrain
{
    Task<ProfileSaveResult> IPatientMedicalProfileGrain.SaveAsync(Accessor accessor, ProfileDraft draft) => medicalProfile.SaveAsync(accessor, draft);
    Task<ProfileEntry> IPatientMedicalProfileGrain.GetAsync(Accessor accessor, ProfileKind kind, string id) => medicalProfile.GetAsync(accessor, kind, id);
    Task<IReadOnlyList<ProfileEntry>> IPatientMedicalProfileGrain.ListAsync(Accessor accessor, ProfileKind kind) => medicalProfile.ListAsync(accessor, kind);
    Task IPatientMedicalProfileGrain.RemoveAsync(Accessor accessor, string id) => medicalProfile.RemoveAsync(accessor, id);
    Task<ProfileEntry> IPatientMedicalProfileGrain.SetMaskedAsync(Accessor accessor, string id, bool masked) => medicalProfile.SetMaskedAsync(accessor, id, masked);
    Task<MedicalProfileView> IPatientMedicalProfileGrain.GetProfileAsync(Accessor accessor) => medicalProfile.GetProfileAsync(accessor);
    Task<ProfileDeclarations> IPatientMedicalProfileGrain.SetDeclarationsAsync(Accessor accessor, ProfileDeclarations declarations) => medicalProfile.SetDeclarationsAsync(accessor, declarations);
}
