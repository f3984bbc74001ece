using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Documents;

/// <summary>The operations on a person's document index (pure: the grain persists the state it changes).</summary>
public sealed class DocumentIndex(DocumentsState state)
{
    public bool IsFull => state.Entries.Count >= DocumentRules.MaxEntries;

    public DocumentEntry? Find(string? id) => id is not null && state.Entries.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>The document <paramref name="author"/> already deposited under <paramref name="externalId"/>, if any.</summary>
    public DocumentEntry? FindResent(Accessor author, string? externalId)
    {
        ArgumentNullException.ThrowIfNull(author);
        return externalId is not null && state.Resends.TryGetValue(ResendKey(author.Role, author.Id, externalId), out var id) ? Find(id) : null;
    }

    /// <summary>The entries deposited under <paramref name="externalId"/>, by any author.</summary>
    public IEnumerable<DocumentEntry> WithExternalId(string externalId) =>
        state.Entries.Values.Where(e => string.Equals(e.ExternalId, externalId, StringComparison.Ordinal));

    /// <summary>Adds a new entry; the one it replaces becomes superseded by it (a new version of that one).</summary>
    public void Add(DocumentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.Entries[entry.Id] = entry;
        if (entry.ExternalId is not null)
        {
            state.Resends[ResendKey(entry.AuthorRole, entry.AuthorId, entry.ExternalId)] = entry.Id;
        }

        if (Find(entry.Replaces) is { } replaced)
        {
            state.Entries[replaced.Id] = replaced.Changed(entry.DepositedAt) with { Status = DocumentStatus.Superseded, SupersededBy = entry.Id };
        }
    }

    /// <summary>Replaces an entry by its changed version (the next one, changed at <paramref name="at"/>) and returns it.</summary>
    public DocumentEntry Change(DocumentEntry entry, DateTimeOffset at, Func<DocumentEntry, DocumentEntry> change)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(change);
        var changed = change(entry.Changed(at));
        state.Entries[entry.Id] = changed;
        return changed;
    }

    /// <summary>The page of <paramref name="query"/> among the entries <paramref name="visible"/> admits, and how many match in all.</summary>
    public (IReadOnlyList<DocumentEntry> Page, int Total) Search(DocumentQuery query, Func<DocumentEntry, bool> visible)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(visible);
        if (query.Page < 1)
        {
            throw new InvalidInputException("page", "pages are numbered from 1");
        }

        if (query.PageSize is < 1 or > DocumentQuery.MaxPageSize)
        {
            throw new InvalidInputException("pageSize", $"from 1 to {DocumentQuery.MaxPageSize}");
        }

        var matches = state.Entries.Values
            .Where(e => e.Status == DocumentStatus.Current || (query.IncludeSuperseded && e.Status == DocumentStatus.Superseded))
            .Where(e => query.ClassCodes.Count == 0 || query.ClassCodes.Contains(e.ClassCode, StringComparer.Ordinal))
            .Where(e => query.TypeCodes.Count == 0 || (e.TypeCode is not null && query.TypeCodes.Contains(e.TypeCode, StringComparer.Ordinal)))
            .Where(e => (query.From is null || DateOf(e) >= query.From) && (query.To is null || DateOf(e) < query.To))
            .Where(visible)
            .OrderByDescending(DateOf).ThenByDescending(e => e.DepositedAt).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var skip = (long)(query.Page - 1) * query.PageSize;
        var page = skip >= matches.Count ? [] : matches.Skip((int)skip).Take(query.PageSize).ToList();
        return (page, matches.Count);
    }

    /// <summary>The date a document is searched and sorted by: its date of care, or its deposit for want of one.</summary>
    public static DateTimeOffset DateOf(DocumentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.ServiceDate ?? entry.DepositedAt;
    }

    private static string ResendKey(AccessorRole role, string authorId, string externalId) => $"{role}|{authorId}|{externalId}";
}
