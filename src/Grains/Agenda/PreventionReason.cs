using System.Globalization;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// Why a reminder is shown, in words the person reads (French, as the titles of the schedule): the age (and sex) the act
/// is recommended at, the person's age,
/// and for a vaccination what their record is missing and its last dose. Also whether the record satisfies the act.
/// </summary>
public static class PreventionReason
{
    /// <summary>Whether <paramref name="doses"/> satisfy <paramref name="act"/>, why it is shown otherwise, and the last dose of what it protects against.</summary>
    public static (bool Satisfied, string Reason, DateOnly? LastDose) Of(PreventionAct act, DateOnly born, DateOnly today, IReadOnlyList<RecordedDose> doses)
    {
        ArgumentNullException.ThrowIfNull(act);
        ArgumentNullException.ThrowIfNull(doses);
        var who = act.WomenOnly ? "les femmes" : "tous";
        var recommended = $"Recommandé pour {who} de {Describe(act.From)} à {Describe(act.Until)} ; vous avez {AgeOf(born, today)}.";
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

        var lacking = string.Join(", ", missing.Select(need => need.Dose is { } n ? $"{Name(need.Antigen)} (dose {n})" : $"{Name(need.Antigen)} (une dose à partir de {Describe(need.GivenFrom!.Value)})"));
        return (false, $"{recommended} Pas encore dans votre carnet de vaccination : {lacking}. {LastDoseText(last)}", last);
    }

    /// <summary>The reason of a flu campaign's reminder.</summary>
    public static string Flu(DateOnly born, DateOnly today, DateOnly? last) =>
        $"Recommandé pour tous chaque année à partir de {PreventionCalendar.FluFromAge} ans ; vous avez {AgeOf(born, today)}. Pas de vaccin contre la grippe de cette campagne dans votre carnet de vaccination. {LastDoseText(last)}";

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
        last is { } day ? $"Dernière dose enregistrée : {day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}." : "Aucune dose enregistrée.";

    private static string Describe(AgeMark age) => age switch
    {
        { Months: 0, Days: 0 } => "la naissance",
        { Months: 0 } => $"{age.Days} jours",
        { Months: < 24, Days: 0 } => $"{age.Months} mois",
        { Days: 0 } when age.Months % 12 == 0 => $"{age.Months / 12} ans",
        _ => $"{age.Months} mois et {age.Days} jours",
    };

    private static string AgeOf(DateOnly born, DateOnly today)
    {
        var months = ((today.Year - born.Year) * 12) + today.Month - born.Month - (today.Day < born.Day ? 1 : 0);
        return months switch
        {
            < 1 => $"{today.DayNumber - born.DayNumber} jours",
            < 24 => $"{months} mois",
            _ => $"{months / 12} ans",
        };
    }

    private static string Name(Antigen antigen) => antigen switch
    {
        Antigen.Diphtheria => "diphtérie",
        Antigen.Tetanus => "tétanos",
        Antigen.Pertussis => "coqueluche",
        Antigen.Polio => "poliomyélite",
        Antigen.HaemophilusB => "Haemophilus influenzae b",
        Antigen.HepatitisB => "hépatite B",
        Antigen.Pneumococcal => "pneumocoque",
        Antigen.MeningococcalB => "méningocoque B",
        Antigen.MeningococcalAcwy => "méningocoque ACWY",
        Antigen.Measles => "rougeole",
        Antigen.Mumps => "oreillons",
        Antigen.Rubella => "rubéole",
        Antigen.Papillomavirus => "papillomavirus (HPV)",
        Antigen.Influenza => "grippe",
        _ => antigen.ToString(),
    };
}
