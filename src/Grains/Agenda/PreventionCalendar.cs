using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// Computes the prevention reminders of one person for today: the acts of <see cref="PreventionSchedule"/>
/// whose window is open or opens within <see cref="HorizonMonths"/> months, and the yearly flu campaign
/// from 65, less the vaccinations the record already holds. Pure and never stored: they follow the clock and the record.
/// </summary>
public static class PreventionCalendar
{
    /// <summary>How far ahead reminders are shown.</summary>
    public const int HorizonMonths = 12;

    /// <summary>Age of the yearly flu vaccination.</summary>
    public const int FluFromAge = 65;

    /// <summary>A flu vaccine counts for a campaign from this many days before it opens (vaccines are out in September).</summary>
    public const int FluEarlyDays = 45;

    /// <summary>
    /// Reminders for someone born on <paramref name="born"/> (the first of the month when the day is unknown), soonest
    /// first; a vaccination whose doses <paramref name="doses"/> holds is left out.
    /// </summary>
    public static IReadOnlyList<PreventionReminder> Due(DateOnly born, bool female, DateOnly today, IReadOnlyList<RecordedDose>? doses = null)
    {
        doses ??= [];
        var horizon = today.AddMonths(HorizonMonths);
        var due = new List<PreventionReminder>();
        foreach (var act in PreventionSchedule.Acts.Where(a => female || !a.WomenOnly))
        {
            var (from, until) = (act.From.For(born), act.Until.For(born));
            if (until > today && from <= horizon)
            {
                var (satisfied, reason, last) = PreventionReason.Of(act, born, today, doses);
                if (!satisfied)
                {
                    due.Add(new PreventionReminder(act.Code, act.Category, act.Title, from, until.AddDays(-1), from <= today, reason, last));
                }
            }
        }

        var eligible = born.AddYears(FluFromAge);
        for (var year = today.Year - 1; year <= today.Year + 1; year++)
        {
            // The campaign runs from mid-October to the end of January; someone turning 65 during it joins on their birthday.
            var (opens, closes) = (new DateOnly(year, 10, 15), new DateOnly(year + 1, 2, 1));
            var from = eligible > opens ? eligible : opens;
            if (eligible < closes && closes > today && from <= horizon)
            {
                var given = doses.Where(d => d.Covers.Contains(Antigen.Influenza) && d.Given >= opens.AddDays(-FluEarlyDays) && d.Given < closes).ToList();
                if (given.Count == 0)
                {
                    var last = PreventionReason.LastOf(doses, Antigen.Influenza);
                    due.Add(new PreventionReminder($"flu-{year}", PreventionCategory.Vaccination, $"Vaccin contre la grippe saisonnière (campagne {year}-{year + 1}), chaque année à partir de 65 ans",
                        from, closes.AddDays(-1), from <= today, PreventionReason.Flu(born, today, last), last));
                }
            }
        }

        return due.OrderBy(r => r.DueFrom).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
    }
}
