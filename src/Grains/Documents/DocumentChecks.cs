using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Documents;

/// <summary>The checks of the documents facet that need no state of the grain, and the texts it records.</summary>
public static class DocumentChecks
{
    /// <summary>The draft with its fields checked and normalised (media type, title, labels), or an error naming the field.</summary>
    public static DocumentDraft Check(AccessorRole role, DocumentDraft draft, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.ExternalId is { Length: > 256 })
        {
            throw new InvalidInputException("externalId", "at most 256 characters");
        }

        return draft with
        {
            ClassCode = DocumentRules.CheckClass(draft.ClassCode, "classCode"),
            TypeCode = DocumentRules.CheckType(draft.TypeCode, "typeCode"),
            Title = DocumentRules.CheckTitle(draft.Title, "title"),
            Labels = DocumentRules.CheckLabels(role, draft.Labels, "labels"),
            MediaType = DocumentRules.CheckContent(role, draft.MediaType, content, "mediaType", "content"),
        };
    }

    /// <summary>Whether <paramref name="grant"/> may deposit a new version of <paramref name="replaced"/> (absent or invisible: not found).</summary>
    public static void CheckReplaceable(SpaceGrant grant, DocumentEntry? replaced, string replacesId)
    {
        if (replaced is null || !DocumentVisibility.IsVisible(grant, replaced))
        {
            throw NotFound(replacesId);
        }

        if (replaced.Status != DocumentStatus.Current)
        {
            throw new StateConflictException($"Document {replaced.Id} was already replaced by {replaced.SupersededBy}: replace the current version.");
        }

        if (!DocumentVisibility.MayReplace(grant, replaced))
        {
            throw new AccessDeniedException("Only the author of a document deposits a new version of it.");
        }
    }

    /// <summary>The access-history text of an access to one document: its id, what was done, its class; never a title or content.</summary>
    public static string Describe(string documentId, string? action, DocumentEntry? entry)
    {
        // The id comes from the caller: only a well-formed one is written down.
        var id = Guid.TryParse(documentId, out var parsed) ? parsed.ToString("D") : "(malformed id)";
        var text = action is null ? $"document {id}" : $"document {id} {action}";
        return entry is null ? text : $"{text} (class {entry.ClassCode})";
    }

    public static ResourceNotFoundException NotFound(string documentId) => new($"No document {documentId} in this space.");
}
