using MonEspaceSante.Interfaces.Agenda;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// Computes the prevention reminders of one person for today: the acts of <see cref="PreventionSchedule"/>
/// whose window is open or opens within <see cref="HorizonMonths"/> months, and the yearly flu campaign
/// from 65. Pure and never stored: they follow the clock, and turning 50 brings the screenings.
/// </summary>
public static class PreventionCalendar
{
    /// <summary>How far ahead reminders are shown.</summary>
    public const int HorizonMonths = 12;

    /// <summary>Age of the yearly flu vaccination.</summary>
    public const int FluFromAge = 65;

    /// <summary>Reminders for someone born on <paramref name="born"/> (the first of the month when the day is unknown), soonest first.</summary>
    public static IReadOnlyList<PreventionReminder> Due(DateOnly born, bool female, DateOnly today)
    {
        var horizon = today.AddMonths(HorizonMonths);
        var due = new List<PreventionReminder>();
        void Consider(string code, PreventionCategory category, string title, DateOnly from, DateOnly until)
        {
            if (until > today && from <= horizon)
            {
                due.Add(new PreventionReminder(code, category, title, from, until.AddDays(-1), from <= today));
            }
        }

        foreach (var act in PreventionSchedule.Acts.Where(a => female || !a.WomenOnly))
        {
            Consider(act.Code, act.Category, act.Title, act.From.For(born), act.Until.For(born));
        }

        var eligible = born.AddYears(FluFromAge);
        for (var year = today.Year - 1; year <= today.Year + 1; year++)
        {
            // The campaign runs from mid-October to the end of January; someone turning 65 during it joins on their birthday.
            var (opens, closes) = (new DateOnly(year, 10, 15), new DateOnly(year + 1, 2, 1));
            if (eligible < closes)
            {
                Consider($"flu-{year}", PreventionCategory.Vaccination, $"Seasonal flu vaccine ({year}-{year + 1} campaign), every year from 65",
                    eligible > opens ? eligible : opens, closes);
            }
        }

        return due.OrderBy(r => r.DueFrom).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
    }
}
