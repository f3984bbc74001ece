using System.Globalization;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// The entries of one agenda and the rules that keep it small: it lives in grain state and is rewritten
/// on every change, so it holds at most <see cref="Capacity"/> entries. Cancelled entries are forgotten a
/// year after they were due, any entry <see cref="AgendaRules.MaxYearsAway"/> years after; at capacity
/// the entry over the longest ago makes room, and when every entry is still upcoming a new one is refused.
/// </summary>
public sealed class AgendaBook(Dictionary<string, AgendaEntry> entries, int capacity = AgendaBook.Capacity)
{
    /// <summary>About 1 MB of state at most: far beyond any real agenda, low enough to rewrite.</summary>
    public const int Capacity = 2000;

    public static readonly TimeSpan CancelledKept = TimeSpan.FromDays(365);

    public int Count => entries.Count;

    public AgendaEntry? Get(string id) => entries.GetValueOrDefault(id);

    /// <summary>The entry <paramref name="source"/> sent with this external id, if any.</summary>
    public AgendaEntry? Find(string source, string? system, string externalId) =>
        entries.Values.FirstOrDefault(e => e.Source == source && e.ExternalId == externalId && e.ExternalSystem == system);

    public void Put(AgendaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entries[entry.Id] = entry;
    }

    /// <summary>Prunes, then frees one place if the book is full; false when it is full of upcoming entries.</summary>
    public bool MakeRoom(DateTimeOffset now)
    {
        var stale = entries.Values
            .Where(e => (e.Status == AgendaStatus.Cancelled && Until(e) < now - CancelledKept) || Until(e) < now.AddYears(-AgendaRules.MaxYearsAway))
            .Select(e => e.Id).ToList();
        stale.ForEach(id => entries.Remove(id));
        while (entries.Count >= capacity)
        {
            var oldest = entries.Values.Where(e => Until(e) < now).OrderBy(e => Until(e)).ThenBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault();
            if (oldest is null)
            {
                return false;
            }

            entries.Remove(oldest.Id);
        }

        return true;
    }

    /// <summary>Every entry by start.</summary>
    public IReadOnlyList<AgendaEntry> All() =>
        entries.Values.OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();

    /// <summary>Entries not over at <paramref name="now"/>, soonest first.</summary>
    public (IReadOnlyList<AgendaEntry> Entries, string? Next) Upcoming(DateTimeOffset now, int limit, string? after) =>
        Page(entries.Values.Where(e => Until(e) >= now), descending: false, limit, after);

    /// <summary>Entries over before <paramref name="now"/>, most recent first.</summary>
    public (IReadOnlyList<AgendaEntry> Entries, string? Next) Past(DateTimeOffset now, int limit, string? after) =>
        Page(entries.Values.Where(e => Until(e) < now), descending: true, limit, after);

    /// <summary>Entries starting in [<paramref name="from"/>, <paramref name="to"/>), soonest first.</summary>
    public (IReadOnlyList<AgendaEntry> Entries, string? Next) Starting(DateTimeOffset? from, DateTimeOffset? to, int limit, string? after) =>
        Page(entries.Values.Where(e => (from is null || e.Start >= from) && (to is null || e.Start < to)), descending: false, limit, after);

    /// <summary>
    /// Orders by (start, id) and continues strictly after the cursor, so that a page boundary holds while
    /// entries are added or removed elsewhere in the agenda.
    /// </summary>
    private static (IReadOnlyList<AgendaEntry>, string?) Page(IEnumerable<AgendaEntry> matches, bool descending, int limit, string? after)
    {
        if (after is not null)
        {
            var (ticks, id) = Decode(after);
            var sign = descending ? -1 : 1;
            matches = matches.Where(e => sign * Compare(e, ticks, id) > 0);
        }

        var ordered = descending
            ? matches.OrderByDescending(e => e.Start.UtcTicks).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            : matches.OrderBy(e => e.Start.UtcTicks).ThenBy(e => e.Id, StringComparer.Ordinal);
        var page = ordered.Take(limit + 1).ToList();
        return page.Count > limit ? (page.Take(limit).ToList(), Encode(page[limit - 1])) : (page, null);
    }

    /// <summary>When an entry is over: its end, or its start when it has none.</summary>
    private static DateTimeOffset Until(AgendaEntry entry) => entry.End ?? entry.Start;

    private static int Compare(AgendaEntry entry, long ticks, string id)
    {
        var byStart = entry.Start.UtcTicks.CompareTo(ticks);
        return byStart != 0 ? byStart : string.CompareOrdinal(entry.Id, id);
    }

    private static string Encode(AgendaEntry entry) => string.Create(CultureInfo.InvariantCulture, $"{entry.Start.UtcTicks}.{entry.Id}");

    private static (long Ticks, string Id) Decode(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? (ticks, cursor[(dot + 1)..])
            : throw new InvalidInputException("after", "not a cursor of this agenda (use the one a page returned)");
    }
}
