using System.Globalization;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// Why a reminder is shown, in words the person reads: the age (and sex) the act is recommended at, the person's age,
/// and for a vaccination what their record is missing and its last dose. Also whether the record satisfies the act.
/// </summary>
public static class PreventionReason
{
    /// <summary>Whether <paramref name="doses"/> satisfy <paramref name="act"/>, why it is shown otherwise, and the last dose of what it protects against.</summary>
    public static (bool Satisfied, string Reason, DateOnly? LastDose) Of(PreventionAct act, DateOnly born, DateOnly today, IReadOnlyList<RecordedDose> doses)
    {
        ArgumentNullException.ThrowIfNull(act);
        ArgumentNullException.ThrowIfNull(doses);
        var who = act.WomenOnly ? "women" : "everyone";
        var recommended = $"Recommended for {who} from {Describe(act.From)} to {Describe(act.Until)}; you are {AgeOf(born, today)}.";
        if (act.Needs.Count == 0)
        {
            return (false, recommended, null);
        }

        var missing = act.Needs.Where(need => !Satisfies(need, born, doses)).ToList();
        var last = act.Needs.Select(need => LastOf(doses, need.Antigen)).Max();
        if (missing.Count == 0)
        {
            return (true, recommended, last);
        }

        var lacking = string.Join(", ", missing.Select(need => need.Dose is { } n ? $"{Name(need.Antigen)} (dose {n})" : $"{Name(need.Antigen)} (a dose from {Describe(need.GivenFrom!.Value)})"));
        return (false, $"{recommended} Not in your vaccination record yet: {lacking}. {LastDoseText(last)}", last);
    }

    /// <summary>The reason of a flu campaign's reminder.</summary>
    public static string Flu(DateOnly born, DateOnly today, DateOnly? last) =>
        $"Recommended for everyone every year from {PreventionCalendar.FluFromAge}; you are {AgeOf(born, today)}. No flu vaccine of this campaign in your vaccination record. {LastDoseText(last)}";

    /// <summary>The date of the last dose covering <paramref name="antigen"/>, if any.</summary>
    public static DateOnly? LastOf(IReadOnlyList<RecordedDose> doses, Antigen antigen)
    {
        ArgumentNullException.ThrowIfNull(doses);
        return doses.Where(d => d.Covers.Contains(antigen)).Select(d => (DateOnly?)d.Given).Max();
    }

    private static bool Satisfies(DoseNeed need, DateOnly born, IReadOnlyList<RecordedDose> doses)
    {
        var covering = doses.Where(d => d.Covers.Contains(need.Antigen));
        return need.Dose is { } dose
            ? covering.Count() >= dose
            : covering.Any(d => d.Given >= need.GivenFrom!.Value.For(born));
    }

    private static string LastDoseText(DateOnly? last) =>
        last is { } day ? $"Last recorded dose: {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}." : "No dose recorded.";

    private static string Describe(AgeMark age) => age switch
    {
        { Months: 0, Days: 0 } => "birth",
        { Months: 0 } => $"{age.Days} days",
        { Months: < 24, Days: 0 } => $"{age.Months} months",
        { Days: 0 } when age.Months % 12 == 0 => $"{age.Months / 12} years",
        _ => $"{age.Months} months and {age.Days} days",
    };

    private static string AgeOf(DateOnly born, DateOnly today)
    {
        var months = ((today.Year - born.Year) * 12) + today.Month - born.Month - (today.Day < born.Day ? 1 : 0);
        return months switch
        {
            < 1 => $"{today.DayNumber - born.DayNumber} days old",
            < 24 => $"{months} months old",
            _ => $"{months / 12} years old",
        };
    }

    private static string Name(Antigen antigen) => antigen switch
    {
        Antigen.HaemophilusB => "Haemophilus influenzae b",
        Antigen.HepatitisB => "hepatitis B",
        Antigen.MeningococcalB => "meningococcal B",
        Antigen.MeningococcalAcwy => "meningococcal ACWY",
        Antigen.Papillomavirus => "papillomavirus (HPV)",
        Antigen.Influenza => "flu",
        _ => antigen.ToString().ToLowerInvariant(),
    };
}
