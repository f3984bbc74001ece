using MonEspaceSante.Grains.Documents;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Profile;

/// <summary>
/// The medical profile of one person: coded items (conditions, allergies, treatments, vaccinations) each written by a
/// professional, an app under its <c>profile.write:&lt;list&gt;</c> consent or the person, and the person's own
/// declarations. Items are kept as written; the holder side may mask one from professionals or remove it, an author
/// remove their own. Read by the agenda for the reminders that a recorded vaccination satisfies.
/// </summary>
internal sealed partial class MedicalProfileFacet(IFacetState<MedicalProfileState> profile, IPersonSpace space, Func<string, Task<bool>> holdsDocument)
{
    /// <summary>Items per profile: a lifetime of vaccinations and treatments fits many times over.</summary>
    public const int Capacity = 1000;

    private Dictionary<string, ProfileEntry> Entries => profile.State.Entries;

    private DateTimeOffset Now => space.Now;

    public async Task<ProfileSaveResult> SaveAsync(Accessor accessor, ProfileDraft draft)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        ArgumentNullException.ThrowIfNull(draft);
        var naming = accessor.How == "fhir" ? ProfileFields.Fhir(draft.Kind) : null;
        ProfileRules.Check(draft, naming);
        ProfileRules.CheckDates(draft, DateOnly.FromDateTime(Now.UtcDateTime), naming);
        naming ??= field => field;
        await profile.LoadAsync();
        var resent = draft.ExternalId is null ? null : Entries.Values.FirstOrDefault(e => e.Kind == draft.Kind && e.AuthorRole == accessor.Role
            && e.AuthorId == accessor.Id && e.ExternalId == draft.ExternalId && e.ExternalSystem == draft.ExternalSystem);
        var id = resent?.Id ?? Guid.NewGuid().ToString("N");
        var confidential = draft.Labels.Contains(DocumentLabels.InvisibleToRepresentatives, StringComparer.Ordinal);
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.MedicalProfile, SpaceAction.Write, $"{Noun(draft.Kind)} {id}", Scopes.WriteProfile(draft.Kind), confidential);
        if (draft.Labels.Contains(DocumentLabels.MaskedFromProfessionals, StringComparer.Ordinal) && !DocumentVisibility.IsPatientSide(grant))
        {
            throw new UnprocessableException(naming("labels"), "only the person masks an item from professionals");
        }

        if (confidential && grant.Viewer != SpaceViewer.Professional)
        {
            throw new UnprocessableException(naming("labels"), "a professional marks a minor's confidential care");
        }

        if (resent is not null)
        {
            return new ProfileSaveResult(await ReplaceAsync(resent, draft), Created: false);
        }

        if (Entries.Count >= Capacity)
        {
            throw new StateConflictException($"This medical profile holds {Capacity} items: remove some before adding more.");
        }

        if (draft.ProofDocumentId is { } proof && !await holdsDocument(proof))
        {
            throw new UnprocessableException(naming("proofDocumentId"), "no document with this id in this space: deposit the proof first");
        }

        var entry = new ProfileEntry(id, draft.Kind, draft.Codes, draft.Text, ProfileRules.StatusOf(draft), draft.Occurred, draft.Ended, draft.Detail,
            draft.DoseNumber, draft.Note, draft.ProofDocumentId, draft.Labels, accessor.Role, accessor.Id, Now, Now, 1, draft.ExternalId, draft.ExternalSystem);
        Entries[id] = entry;
        await profile.WriteStateAsync();
        return new ProfileSaveResult(entry, Created: true);
    }

    /// <summary>The author's item with the resend's content; a resend that says the same writes nothing.</summary>
    private async Task<ProfileEntry> ReplaceAsync(ProfileEntry entry, ProfileDraft draft)
    {
        var replaced = entry with
        {
            Codes = draft.Codes, Text = draft.Text, Status = ProfileRules.StatusOf(draft), Occurred = draft.Occurred, Ended = draft.Ended, Detail = draft.Detail,
            DoseNumber = draft.DoseNumber, Note = draft.Note, ProofDocumentId = draft.ProofDocumentId, Labels = draft.Labels,
        };
        if (Same(replaced, entry))
        {
            return entry;
        }

        var stored = replaced with { UpdatedAt = Now, Version = entry.Version + 1 };
        Entries[entry.Id] = stored;
        await profile.WriteStateAsync();
        return stored;
    }

    /// <summary>Records compare lists by reference: two items are the same when their content is, list by list.</summary>
    private static bool Same(ProfileEntry a, ProfileEntry b) =>
        a with { Codes = Array.Empty<ProfileCode>(), Labels = Array.Empty<string>() } == b with { Codes = Array.Empty<ProfileCode>(), Labels = Array.Empty<string>() }
        && a.Codes.SequenceEqual(b.Codes) && a.Labels.SequenceEqual(b.Labels, StringComparer.Ordinal);

    public async Task<ProfileEntry> GetAsync(Accessor accessor, ProfileKind kind, string id)
    {
        await profile.LoadAsync();
        var entry = Entries.GetValueOrDefault(id ?? "");
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.MedicalProfile, SpaceAction.Read, $"{Noun(kind)} {id}", Scopes.ReadProfile(kind),
            entry?.HasLabel(DocumentLabels.InvisibleToRepresentatives) == true);
        return entry is not null && entry.Kind == kind && ProfileVisibility.IsVisible(grant, entry) ? entry : throw NotFound(kind, id);
    }

    public async Task<IReadOnlyList<ProfileEntry>> ListAsync(Accessor accessor, ProfileKind kind)
    {
        await profile.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.MedicalProfile, SpaceAction.Read, $"medical profile ({Noun(kind)} list)", Scopes.ReadProfile(kind));
        return Latest(Entries.Values.Where(e => e.Kind == kind && ProfileVisibility.IsVisible(grant, e)));
    }

    public async Task RemoveAsync(Accessor accessor, string id)
    {
        var (entry, grant) = await ChangeAsync(accessor, id, "removal");
        if (!ProfileVisibility.IsAuthor(grant, entry) && !DocumentVisibility.IsPatientSide(grant))
        {
            throw new AccessDeniedException("A profile item is removed by its author or by the person.");
        }

        Entries.Remove(entry.Id);
        await profile.WriteStateAsync();
    }

    public async Task<ProfileEntry> SetMaskedAsync(Accessor accessor, string id, bool masked)
    {
        var (entry, grant) = await ChangeAsync(accessor, id, masked ? "masked from professionals" : "shown to professionals");
        if (!DocumentVisibility.IsPatientSide(grant))
        {
            throw new AccessDeniedException("Only the person (or a minor's legal representative) masks a profile item.");
        }

        if (entry.HasLabel(DocumentLabels.MaskedFromProfessionals) == masked)
        {
            return entry;
        }

        IReadOnlyList<string> labels = masked
            ? [.. entry.Labels, DocumentLabels.MaskedFromProfessionals]
            : [.. entry.Labels.Where(l => l != DocumentLabels.MaskedFromProfessionals)];
        var changed = entry with { Labels = labels, UpdatedAt = Now, Version = entry.Version + 1 };
        Entries[id] = changed;
        await profile.WriteStateAsync();
        return changed;
    }

    public async Task<MedicalProfileView> GetProfileAsync(Accessor accessor)
    {
        await profile.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.MedicalProfile, SpaceAction.Read, "medical profile");
        return new MedicalProfileView(Latest(Entries.Values.Where(e => ProfileVisibility.IsVisible(grant, e))), profile.State.Declarations ?? ProfileDeclarations.None);
    }

    public async Task<ProfileDeclarations> SetDeclarationsAsync(Accessor accessor, ProfileDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        ProfileDeclarationRules.Check(declarations);
        await profile.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.MedicalProfile, SpaceAction.Write, "medical profile declarations");
        if (!DocumentVisibility.IsPatientSide(grant))
        {
            throw new AccessDeniedException("Only the person (or a minor's legal representative) writes their declarations.");
        }

        if (declarations.AdvanceDirectivesDocumentId is { } document && !await holdsDocument(document))
        {
            throw new UnprocessableException("advanceDirectivesDocumentId", "no document with this id in this space: deposit it first");
        }

        var stored = declarations with { UpdatedAt = Now };
        profile.State.Declarations = stored;
        await profile.WriteStateAsync();
        return stored;
    }

    /// <summary>The vaccinations <paramref name="grant"/> may see that were given (not "not done"): what satisfies a reminder.</summary>
    public async Task<IReadOnlyList<ProfileEntry>> VaccinationsAsync(SpaceGrant grant)
    {
        await profile.LoadAsync();
        return [.. Entries.Values.Where(e => e.Kind == ProfileKind.Immunization && e.Status == "completed" && ProfileVisibility.IsVisible(grant, e))];
    }

    private async Task<(ProfileEntry Entry, SpaceGrant Grant)> ChangeAsync(Accessor accessor, string id, string what)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        await profile.LoadAsync();
        var entry = Entries.GetValueOrDefault(id ?? "");
        var kind = entry?.Kind ?? ProfileKind.Condition;
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.MedicalProfile, SpaceAction.Write, $"{Noun(kind)} {id} ({what})", Scopes.WriteProfile(kind),
            entry?.HasLabel(DocumentLabels.InvisibleToRepresentatives) == true);
        return entry is not null && ProfileVisibility.IsVisible(grant, entry) ? (entry, grant) : throw NotFound(null, id);
    }

    private static List<ProfileEntry> Latest(IEnumerable<ProfileEntry> entries) =>
        [.. entries.OrderByDescending(e => e.Occurred ?? DateOnly.FromDateTime(e.RecordedAt.UtcDateTime)).ThenByDescending(e => e.RecordedAt).ThenBy(e => e.Id, StringComparer.Ordinal)];

    private static string Noun(ProfileKind kind) => kind switch
    {
        ProfileKind.Condition => "condition",
        ProfileKind.Allergy => "allergy",
        ProfileKind.Medication => "treatment",
        _ => "vaccination",
    };

    private static ResourceNotFoundException NotFound(ProfileKind? kind, string? id) =>
        new(kind is { } k ? $"No {Noun(k)} {id} in this medical profile." : $"No item {id} in this medical profile.");
}
