using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Profile;

/// <summary>
/// Who sees which profile item, as for documents: its author always; professionals never an item labelled MASQUE_PS
/// (break-glass included); legal representatives never one labelled INVISIBLE_REPRESENTANTS_LEGAUX; the holder and
/// their apps everything; operators nothing.
/// </summary>
public static class ProfileVisibility
{
    public static bool IsVisible(SpaceGrant grant, ProfileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(entry);
        if (IsAuthor(grant, entry))
        {
            return true;
        }

        return grant.Viewer switch
        {
            SpaceViewer.Professional => !entry.HasLabel(DocumentLabels.MaskedFromProfessionals),
            SpaceViewer.Holder or SpaceViewer.App => true,
            SpaceViewer.Representative => !entry.HasLabel(DocumentLabels.InvisibleToRepresentatives),
            _ => false,
        };
    }

    public static bool IsAuthor(SpaceGrant grant, ProfileEntry entry)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(entry);
        return grant.Accessor.Role == entry.AuthorRole && grant.Accessor.Id == entry.AuthorId;
    }
}
