using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Jobs;

/// <summary>
/// Each morning, tells every person whose space someone else accessed the day before (Paris time) who did and when: one
/// digest per person and day, addressed by their contact facet (an urgent access is told at once besides). A minor's
/// confidential lines stay out: the digest may reach a representative's address. Grouped by person, 500 at a time.
/// </summary>
public sealed class AccessDigestJob(OwnTables tables, IGrainFactory grains, DailyJobSettings settings) : IDailyJob
{
    /// <summary>Lines of one digest at most: the access history has them all.</summary>
    public const int MaxLines = 50;

    private const int PeoplePerPage = 500;

    public string Name => "access-digest";

    public TimeOnly At => settings.AccessDigestAt;

    public async Task<string> RunAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var day = today.AddDays(-1);
        var (from, to) = (ParisTime.Midnight(day), ParisTime.Midnight(today));
        var (people, lines) = (0, 0);
        var after = "";
        while (true)
        {
            var page = await PageAsync(from, to, after, cancellationToken);
            if (page.Count == 0)
            {
                return $"{people} digests, {lines} lines, for {day:yyyy-MM-dd}";
            }

            await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (person, _) =>
                await grains.GetGrain<IPatientContactGrain>(PatientKey.From(Ins.Parse(person.Key))).SendAccessDigestAsync(day, person.Value));
            people += page.Count;
            lines += page.Sum(p => p.Value.Count);
            after = page[^1].Key;
        }
    }

    /// <summary>The next people after <paramref name="after"/> accessed in [from, to), each with their digest's lines.</summary>
    private async Task<List<KeyValuePair<string, IReadOnlyList<AccessDigestLine>>>> PageAsync(DateTimeOffset from, DateTimeOffset to, string after, CancellationToken cancellationToken)
    {
        await using var command = tables.For("The access digest").CreateCommand("""
            WITH people AS (
                SELECT DISTINCT ins FROM mes_access_history
                WHERE at >= @from AND at < @to AND ins > @after AND NOT minor_only ORDER BY ins LIMIT @limit)
            SELECT h.ins, h.actor_role, h.actor_id, min(h.at), count(*),
                   bool_or(h.how LIKE '%break-glass%'), bool_or(h.how LIKE '%emergency%'), bool_or(h.how LIKE '%legal representative%')
            FROM mes_access_history h JOIN people p ON p.ins = h.ins
            WHERE h.at >= @from AND h.at < @to AND NOT h.minor_only
            GROUP BY h.ins, h.actor_role, h.actor_id ORDER BY h.ins, min(h.at)
            """);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", PeoplePerPage);
        var digests = new Dictionary<string, List<AccessDigestLine>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ins = reader.GetString(0);
            var lines = digests.TryGetValue(ins, out var known) ? known : digests[ins] = [];
            if (lines.Count < MaxLines)
            {
                var mode = reader.GetBoolean(5) ? "bris de glace" : reader.GetBoolean(6) ? "accès en urgence" : null;
                lines.Add(new AccessDigestLine(Who(reader.GetString(1), reader.GetString(2), reader.GetBoolean(7)), reader.GetFieldValue<DateTimeOffset>(3), (int)reader.GetInt64(4), mode));
            }
        }

        return [.. digests.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new KeyValuePair<string, IReadOnlyList<AccessDigestLine>>(d.Key, d.Value))];
    }

    /// <summary>Who, as the person reads it: never a representative's INS.</summary>
    private static string Who(string role, string id, bool representative) => role switch
    {
        "Professional" => $"Un professionnel de santé (RPPS {id})",
        "App" => $"L'application « {id} »",
        "Operator" => "L'Assurance Maladie (pour votre compte)",
        _ when representative => "Votre représentant légal",
        _ => "Une autre personne",
    };
}
