using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Profile;

/// <summary>
/// The medical profile facet of a person's grain (same grain and key as <see cref="Patients.IPatientGrain"/>): history
/// and conditions, allergies, treatments and vaccinations written by professionals, apps (scopes
/// <c>profile.write:&lt;list&gt;</c>) and the person; the person's declarations (advance directives, organ donation,
/// trusted person). Items labelled <c>MASQUE_PS</c> are hidden from professionals other than their author. Every method
/// checks the accessor against the person's controls and consents and records access by others.
/// </summary>
[Alias("mes.IPatientMedicalProfileGrain")]
public interface IPatientMedicalProfileGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds an item, or, when its author sent one with the same identifier before, that item: unchanged when the resend
    /// says the same, replaced (one version more) when it corrects it. The space must be open; at <c>1,000</c> items a new
    /// one is refused (409).
    /// </summary>
    [Alias("Save")]
    Task<ProfileSaveResult> SaveAsync(Accessor accessor, ProfileDraft draft);

    /// <summary>One item of <paramref name="kind"/> (404 if unknown or hidden from the accessor).</summary>
    [Alias("Get")]
    Task<ProfileEntry> GetAsync(Accessor accessor, ProfileKind kind, string id);

    /// <summary>The items of <paramref name="kind"/> the accessor sees, latest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ProfileEntry>> ListAsync(Accessor accessor, ProfileKind kind);

    /// <summary>Removes an item: its author, or the holder side.</summary>
    [Alias("Remove")]
    Task RemoveAsync(Accessor accessor, string id);

    /// <summary>Hides an item from professionals (other than its author) or shows it again; the holder side only.</summary>
    [Alias("SetMasked")]
    Task<ProfileEntry> SetMaskedAsync(Accessor accessor, string id, bool masked);

    /// <summary>Every list and the declarations, as the accessor may see them (the holder's screen, the export).</summary>
    [Alias("GetProfile")]
    Task<MedicalProfileView> GetProfileAsync(Accessor accessor);

    /// <summary>Replaces the person's declarations; the holder side only.</summary>
    [Alias("SetDeclarations")]
    Task<ProfileDeclarations> SetDeclarationsAsync(Accessor accessor, ProfileDeclarations declarations);
}
