using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;

namespace MonEspaceSante.Grains.Documents;

/// <summary>
/// Who sees which document: THE rule, used by every read path (get, content, search results and totals, live
/// events) so that they cannot disagree. Deleted documents are seen by nobody. The author always sees their own.
/// Professionals never see MASQUE_PS (break-glass included) and, in standard mode, only the classes of their
/// profession; the holder side never sees INVISIBLE_PATIENT before it is revealed; legal representatives never
/// see INVISIBLE_REPRESENTANTS_LEGAUX; operators see only what they deposited.
/// </summary>
public static class DocumentVisibility
{
    public static bool IsVisible(SpaceGrant grant, DocumentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Status == DocumentStatus.Deleted)
        {
            return false;
        }

        if (IsAuthor(grant.Accessor, entry))
        {
            return true;
        }

        return grant.Viewer switch
        {
            SpaceViewer.Professional => !entry.HasLabel(DocumentLabels.MaskedFromProfessionals) && grant.MaySeeClass(entry.ClassCode),
            SpaceViewer.Holder or SpaceViewer.App => !entry.HasLabel(DocumentLabels.InvisibleToPatient),
            SpaceViewer.Representative => !entry.HasLabel(DocumentLabels.InvisibleToPatient) && !entry.HasLabel(DocumentLabels.InvisibleToRepresentatives),
            _ => false,
        };
    }

    public static bool IsAuthor(Accessor accessor, DocumentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        ArgumentNullException.ThrowIfNull(entry);
        return accessor.Role == entry.AuthorRole && accessor.Id == entry.AuthorId;
    }

    /// <summary>A new version is deposited by the author, or on the holder's side for a document a patient deposited.</summary>
    public static bool MayReplace(SpaceGrant grant, DocumentEntry entry) =>
        IsAuthor(grant.Accessor, entry) || (IsPatientSide(grant) && entry.AuthorRole == AccessorRole.Patient);

    /// <summary>A document is deleted by its author, or by the holder (a legal representative acting for a minor).</summary>
    public static bool MayDelete(SpaceGrant grant, DocumentEntry entry) => IsAuthor(grant.Accessor, entry) || IsPatientSide(grant);

    /// <summary>The holder, or a legal representative acting for them: the people who decide about the space.</summary>
    public static bool IsPatientSide(SpaceGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Viewer is SpaceViewer.Holder or SpaceViewer.Representative;
    }
}
