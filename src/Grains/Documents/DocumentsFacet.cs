using System.Security.Cryptography;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Documents;

/// <summary>
/// One person's documents (DMP): the index in facet state (<see cref="DocumentIndex"/>), contents once by SHA-256
/// in PostgreSQL (<see cref="DocumentContentStore"/>), written before the index entry that points at them.
/// Every read goes through <see cref="DocumentVisibility.IsVisible"/>; a document the accessor may not see is
/// "not found", so that its existence does not leak.
/// </summary>
internal sealed class DocumentsFacet(IFacetState<DocumentsState> documents, DocumentContentStore contents, IPersonSpace space)
{
    /// <summary>Until when (process ticks) an open document feed is watching; see <see cref="WatchAsync"/>.</summary>
    private long documentsWatchedUntil;

    private DocumentIndex DocumentIndex => new(documents.State);

    private DateTimeOffset Now => space.Now;

    private string Ins => space.Person.Value;

    /// <summary>
    /// Deposits a document, or finds the one its author deposited before under the same external id. With
    /// <paramref name="ifNoneExist"/> (FHIR conditional create), the one current document the accessor may see under that
    /// external id, by any author, is the answer (several are a 412); an app only ever matches its own.
    /// </summary>
    public async Task<DepositReceipt> SubmitAsync(Accessor accessor, DocumentDraft draft, byte[] content, bool ifNoneExist = false)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(content);

        // The rules first (the same for everyone), so that the access history names a checked class.
        draft = DocumentChecks.Check(accessor.Role, draft, content);
        await documents.LoadAsync();
        var index = DocumentIndex;
        var replaced = index.Find(draft.Replaces);
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Documents, SpaceAction.Write, replaced is null
            ? $"document deposit (class {draft.ClassCode})"
            : DocumentChecks.Describe(replaced.Id, "replaced by a new version", replaced),
            minorOnly: draft.Labels.Contains(DocumentLabels.InvisibleToRepresentatives, StringComparer.Ordinal) || replaced?.HasLabel(DocumentLabels.InvisibleToRepresentatives) == true);
        if (ifNoneExist && draft.ExternalId is { } externalId && accessor.Role != AccessorRole.App)
        {
            var matches = index.WithExternalId(externalId).Where(e => e.Status == DocumentStatus.Current && DocumentVisibility.IsVisible(grant, e)).ToList();
            if (matches.Count > 1)
            {
                throw new PreconditionFailedException($"{matches.Count} documents carry the identifier {externalId}: the condition names one.");
            }

            if (matches is [var match])
            {
                return new DepositReceipt(match.ToView(), false);
            }
        }

        if (index.FindResent(accessor, draft.ExternalId) is { } resent)
        {
            return resent.Status == DocumentStatus.Deleted
                ? throw new StateConflictException("This document was deposited before and has been deleted since.")
                : new DepositReceipt(resent.ToView(), false);
        }

        if (draft.Replaces is not null)
        {
            DocumentChecks.CheckReplaceable(grant, replaced, draft.Replaces);
        }

        if (index.IsFull)
        {
            throw new StateConflictException($"This space holds {DocumentRules.MaxEntries} documents, the most it may.");
        }

        var id = Guid.NewGuid();
        var entry = new DocumentEntry(id.ToString("D"), draft.ClassCode, draft.TypeCode, draft.Title, draft.ServiceDate, Now, accessor.Role, accessor.Id,
            DocumentStatus.Current, replaced?.Id, null, draft.MediaType, content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)),
            draft.Labels, draft.ExternalId);
        await contents.StoreAsync(Ins, id, entry.Sha256, entry.MediaType, content);
        index.Add(entry);
        await documents.WriteStateAsync();
        if (replaced is not null)
        {
            await PublishDocumentAsync(index.Find(replaced.Id)!, DocumentChange.Updated, visibleBefore: false);
        }

        await PublishDocumentAsync(entry, DocumentChange.Deposited, visibleBefore: false);
        return new DepositReceipt(entry.ToView(), true);
    }

    /// <summary>Whether the space holds document <paramref name="documentId"/>, not deleted (a proof a profile item points to).</summary>
    public async Task<bool> HoldsAsync(string documentId)
    {
        await documents.LoadAsync();
        return DocumentIndex.Find(documentId) is { Status: not DocumentStatus.Deleted };
    }

    public async Task<DocumentView> GetAsync(Accessor accessor, string documentId) =>
        (await ReadVisibleAsync(accessor, documentId, null)).Entry.ToView();

    public async Task<DocumentContent> GetContentAsync(Accessor accessor, string documentId)
    {
        var (entry, _) = await ReadVisibleAsync(accessor, documentId, "content");
        return new DocumentContent(entry.ToView(), await contents.ReadAsync(entry.Sha256));
    }

    public async Task<DocumentPage> SearchAsync(Accessor accessor, DocumentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var classCode in query.ClassCodes)
        {
            DocumentRules.CheckClass(classCode, "class");
        }

        await documents.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Documents, SpaceAction.Read, "document search");
        var (page, total) = DocumentIndex.Search(query, e => DocumentVisibility.IsVisible(grant, e));
        return new DocumentPage([.. page.Select(e => e.ToView())], total, query.Page, query.PageSize);
    }

    public async Task DeleteAsync(Accessor accessor, string documentId)
    {
        var (entry, grant) = await ChangeVisibleAsync(accessor, documentId, "deletion");
        if (!DocumentVisibility.MayDelete(grant, entry))
        {
            throw new AccessDeniedException("Only the author of a document, or the holder of the space, deletes it.");
        }

        DocumentIndex.Change(entry, Now, e => e with { Status = DocumentStatus.Deleted });
        await documents.WriteStateAsync();

        // After the index says deleted (nothing reads the content then): freed unless another document refers to it.
        await contents.ReleaseAsync(Guid.Parse(entry.Id), entry.Sha256);
        await PublishDocumentAsync(entry, DocumentChange.Deleted, visibleBefore: IsVisibleToHolder(entry));
    }

    public async Task<DocumentView> SetMaskedAsync(Accessor accessor, string documentId, bool masked)
    {
        var (entry, grant) = await ChangeVisibleAsync(accessor, documentId, masked ? "masked from professionals" : "unmasked for professionals");
        if (!DocumentVisibility.IsPatientSide(grant))
        {
            throw new AccessDeniedException("Only the holder of the space masks a document from professionals.");
        }

        return (await RelabelAsync(entry, DocumentLabels.MaskedFromProfessionals, masked)).ToView();
    }

    public async Task<DocumentView> RevealAsync(Accessor accessor, string documentId)
    {
        var (entry, grant) = await ChangeVisibleAsync(accessor, documentId, "revealed to the patient");
        if (grant.Viewer != SpaceViewer.Professional)
        {
            throw new AccessDeniedException("Only a professional reveals a document to the patient.");
        }

        return (await RelabelAsync(entry, DocumentLabels.InvisibleToPatient, false)).ToView();
    }

    public Task WatchAsync(TimeSpan forHowLong)
    {
        documentsWatchedUntil = Environment.TickCount64 + (long)Math.Clamp(forHowLong.TotalMilliseconds, 0, TimeSpan.FromMinutes(10).TotalMilliseconds);
        return Task.CompletedTask;
    }

    /// <summary>Admits a read of one document and finds it, or says it is not found when the accessor may not see it.</summary>
    private async Task<(DocumentEntry Entry, SpaceGrant Grant)> ReadVisibleAsync(Accessor accessor, string documentId, string? what)
    {
        await documents.LoadAsync();
        var entry = DocumentIndex.Find(documentId);
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Documents, SpaceAction.Read, DocumentChecks.Describe(documentId, what, entry),
            minorOnly: entry?.HasLabel(DocumentLabels.InvisibleToRepresentatives) == true);
        return entry is not null && DocumentVisibility.IsVisible(grant, entry) ? (entry, grant) : throw DocumentChecks.NotFound(documentId);
    }

    /// <summary>Admits a change of one document the accessor can see.</summary>
    private async Task<(DocumentEntry Entry, SpaceGrant Grant)> ChangeVisibleAsync(Accessor accessor, string documentId, string what)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (accessor.Role == AccessorRole.Operator)
        {
            // The insurer deposits; it neither sees nor changes what is in the space afterwards.
            throw new AccessDeniedException("Operators deposit insurer documents; they do not delete, mask or reveal any.");
        }

        await documents.LoadAsync();
        var entry = DocumentIndex.Find(documentId);
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Documents, SpaceAction.Write, DocumentChecks.Describe(documentId, what, entry),
            minorOnly: entry?.HasLabel(DocumentLabels.InvisibleToRepresentatives) == true);
        return entry is not null && DocumentVisibility.IsVisible(grant, entry) ? (entry, grant) : throw DocumentChecks.NotFound(documentId);
    }

    private async Task<DocumentEntry> RelabelAsync(DocumentEntry entry, string label, bool present)
    {
        if (entry.HasLabel(label) == present)
        {
            return entry;
        }

        var visibleBefore = IsVisibleToHolder(entry);
        var changed = DocumentIndex.Change(entry, Now, e => e.WithLabel(label, present));
        await documents.WriteStateAsync();
        await PublishDocumentAsync(changed, visibleBefore ? DocumentChange.Updated : DocumentChange.Deposited, visibleBefore);
        return changed;
    }

    private bool IsVisibleToHolder(DocumentEntry entry) =>
        DocumentVisibility.IsVisible(new SpaceGrant(new Accessor(AccessorRole.Patient, Ins, "live"), SpaceViewer.Holder, null), entry);

    /// <summary>
    /// Tells the holder's live feed, only about a document they can see (or could, for a deletion): one labelled
    /// INVISIBLE_PATIENT produces no event until revealed. Best effort, like every live feed.
    /// </summary>
    private async Task PublishDocumentAsync(DocumentEntry entry, DocumentChange change, bool visibleBefore)
    {
        var visible = change == DocumentChange.Deleted ? visibleBefore : IsVisibleToHolder(entry);
        if (!visible || Environment.TickCount64 > documentsWatchedUntil)
        {
            return;
        }

        await space.PublishLiveAsync(DocumentStreams.Live, new DocumentEvent(entry.Id, change, change == DocumentChange.Deleted ? null : entry.ToView()));
    }
}
