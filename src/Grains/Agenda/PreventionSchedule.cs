using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Profile;
using static MonEspaceSante.Grains.Agenda.AgeMark;
using static MonEspaceSante.Interfaces.Profile.Antigen;

namespace MonEspaceSante.Grains.Agenda;

/// <summary>
/// The acts reminders are computed from, by age. A concise subset of the French calendars: the
/// vaccination calendar (compulsory infant vaccines, including meningococcal B and ACWY for children born
/// from 2025; boosters; HPV; adult dTP boosters at 25, 45, 65 then every 10 years; the yearly flu
/// campaign from 65 is in <see cref="PreventionCalendar"/>), the organised cancer screenings, and the 20
/// compulsory examinations of a child in force since 1 January 2025 (the one-month examination was
/// dropped and one at 7 years added). "At N months" means from the day the child is N months old.
/// </summary>
public static class PreventionSchedule
{
    private const string Hexavalent = "diphtérie, tétanos, coqueluche, poliomyélite, Haemophilus influenzae b, hépatite B";

    private static readonly Antigen[] HexavalentAntigens = [Diphtheria, Tetanus, Pertussis, Polio, HaemophilusB, HepatitisB];

    public static IReadOnlyList<PreventionAct> Acts { get; } = [.. ChildExaminations(), .. Vaccinations(), .. Screenings()];

    private static readonly HashSet<string> Codes = [.. Acts.Select(a => a.Code)];

    /// <summary>Whether <paramref name="code"/> names a reminder: an act of the schedule, or a flu campaign (<c>flu-2026</c>).</summary>
    public static bool IsReminderCode(string code) =>
        Codes.Contains(code) || (code.StartsWith("flu-", StringComparison.Ordinal) && code.Length == 8 && int.TryParse(code.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year >= 2000);

    /// <summary>The 20 compulsory examinations of a child (CSP R2132-1, calendar of 1 January 2025).</summary>
    public static IEnumerable<PreventionAct> ChildExaminations()
    {
        yield return Exam("child-exam-8d", "dans les 8 jours suivant la naissance (premier certificat de santé)", AtDays(0), AtDays(8));
        yield return Exam("child-exam-2w", "au cours de la deuxième semaine", AtDays(8), AtDays(15));
        for (var month = 2; month <= 6; month++)
        {
            yield return Exam($"child-exam-{month}m", $"à {month} mois", AtMonths(month), AtMonths(month + 1));
        }

        yield return Exam("child-exam-9m", "à 9 mois (deuxième certificat de santé)", AtMonths(9), AtMonths(10));
        yield return Exam("child-exam-12m", "à 12 mois", AtMonths(12), AtMonths(13));
        yield return Exam("child-exam-13m", "à 13 mois", AtMonths(13), AtMonths(14));
        yield return Exam("child-exam-16m", "entre 16 et 18 mois", AtMonths(16), AtMonths(19));
        yield return Exam("child-exam-24m", "à 24 ou 25 mois (troisième certificat de santé)", AtMonths(24), AtMonths(26));
        for (var year = 3; year <= 7; year++)
        {
            yield return Exam($"child-exam-{year}y", $"à {year} ans", AtYears(year), AtYears(year + 1));
        }

        yield return Exam("child-exam-8y", "entre 8 et 9 ans", AtYears(8), AtYears(10));
        yield return Exam("child-exam-11y", "entre 11 et 13 ans", AtYears(11), AtYears(14));
        yield return Exam("child-exam-15y", "entre 15 et 16 ans", AtYears(15), AtYears(17));
    }

    public static IEnumerable<PreventionAct> Vaccinations()
    {
        yield return Vaccine("vaccines-2m", $"Vaccins à 2 mois : {Hexavalent} (1re dose) ; pneumocoque (1re dose)", AtMonths(2), AtMonths(3), Series(1, [.. HexavalentAntigens, Pneumococcal]));
        yield return Vaccine("vaccines-3m", "Vaccin à 3 mois : méningocoque B (1re dose)", AtMonths(3), AtMonths(4), Series(1, [MeningococcalB]));
        yield return Vaccine("vaccines-4m", $"Vaccins à 4 mois : {Hexavalent} (2e dose) ; pneumocoque (2e dose)", AtMonths(4), AtMonths(5), Series(2, [.. HexavalentAntigens, Pneumococcal]));
        yield return Vaccine("vaccines-5m", "Vaccin à 5 mois : méningocoque B (2e dose)", AtMonths(5), AtMonths(6), Series(2, [MeningococcalB]));
        yield return Vaccine("vaccines-6m", "Vaccin à 6 mois : méningocoque ACWY (1re dose)", AtMonths(6), AtMonths(7), Series(1, [MeningococcalAcwy]));
        yield return Vaccine("vaccines-11m", $"Vaccins à 11 mois : {Hexavalent} (rappel) ; pneumocoque (rappel)", AtMonths(11), AtMonths(12), Series(3, [.. HexavalentAntigens, Pneumococcal]));
        yield return Vaccine("vaccines-12m", "Vaccins à 12 mois : rougeole, oreillons, rubéole (1re dose) ; méningocoques B et ACWY (rappels)", AtMonths(12), AtMonths(13),
            [.. Series(1, [Measles, Mumps, Rubella]), new DoseNeed(MeningococcalB, 3), new DoseNeed(MeningococcalAcwy, 2)]);
        yield return Vaccine("vaccines-16m", "Vaccin entre 16 et 18 mois : rougeole, oreillons, rubéole (2e dose)", AtMonths(16), AtMonths(19), Series(2, [Measles, Mumps, Rubella]));
        yield return Vaccine("vaccines-6y", "Rappel à 6 ans : diphtérie, tétanos, coqueluche, poliomyélite", AtYears(6), AtYears(7), Series(4, [Diphtheria, Tetanus, Pertussis, Polio]));
        yield return Vaccine("vaccines-11y", "Rappel entre 11 et 13 ans : diphtérie, tétanos, coqueluche, poliomyélite", AtYears(11), AtYears(14), Series(5, [Diphtheria, Tetanus, Pertussis, Polio]));
        yield return Vaccine("vaccines-hpv", "Vaccin contre les papillomavirus (HPV) : deux doses entre 11 et 14 ans", AtYears(11), AtYears(15), Series(2, [Papillomavirus]));
        yield return Vaccine("vaccines-25y", "Rappel de l'adulte à 25 ans : diphtérie, tétanos, coqueluche, poliomyélite", AtYears(25), AtYears(26), Booster(23, [Diphtheria, Tetanus, Pertussis, Polio]));
        yield return Vaccine("vaccines-45y", "Rappel de l'adulte à 45 ans : diphtérie, tétanos, poliomyélite", AtYears(45), AtYears(46), Booster(43, [Diphtheria, Tetanus, Polio]));
        for (var age = 65; age <= 115; age += 10)
        {
            yield return Vaccine($"vaccines-{age}y", $"Rappel à {age} ans : diphtérie, tétanos, poliomyélite (tous les 10 ans à partir de 65 ans)", AtYears(age), AtYears(age + 1), Booster(age - 2, [Diphtheria, Tetanus, Polio]));
        }
    }

    /// <summary>The <paramref name="dose"/>-th dose of each antigen of a child's series.</summary>
    private static DoseNeed[] Series(int dose, Antigen[] antigens) => [.. antigens.Select(a => new DoseNeed(a, dose))];

    /// <summary>A booster: a dose of each antigen given from <paramref name="fromAge"/> (two years ahead of the recommended age, as catch-up allows).</summary>
    private static DoseNeed[] Booster(int fromAge, Antigen[] antigens) => [.. antigens.Select(a => new DoseNeed(a, GivenFrom: AtYears(fromAge)))];

    /// <summary>Organised screenings: breast and colorectal every 2 years from 50 to 74; cervical from 25 to 65.</summary>
    public static IEnumerable<PreventionAct> Screenings()
    {
        for (var age = 50; age <= 74; age += 2)
        {
            yield return new PreventionAct($"breast-screening-{age}", PreventionCategory.CancerScreening,
                "Dépistage du cancer du sein (mammographie), tous les 2 ans de 50 à 74 ans", AtYears(age), AtYears(Math.Min(age + 2, 75)), WomenOnly: true);
            yield return new PreventionAct($"colorectal-screening-{age}", PreventionCategory.CancerScreening,
                "Dépistage du cancer colorectal (test de recherche de sang dans les selles), tous les 2 ans de 50 à 74 ans", AtYears(age), AtYears(Math.Min(age + 2, 75)));
        }

        foreach (var age in new[] { 25, 28 })
        {
            yield return new PreventionAct($"cervical-screening-{age}", PreventionCategory.CancerScreening,
                "Dépistage du cancer du col de l'utérus (examen cytologique), tous les 3 ans de 25 à 29 ans", AtYears(age), AtYears(Math.Min(age + 3, 30)), WomenOnly: true);
        }

        for (var age = 30; age <= 65; age += 5)
        {
            yield return new PreventionAct($"cervical-screening-{age}", PreventionCategory.CancerScreening,
                "Dépistage du cancer du col de l'utérus (test HPV), tous les 5 ans de 30 à 65 ans", AtYears(age), AtYears(Math.Min(age + 5, 66)), WomenOnly: true);
        }
    }

    private static PreventionAct Exam(string code, string when, AgeMark from, AgeMark until) =>
        new(code, PreventionCategory.ChildExamination, $"Examen obligatoire de l'enfant {when}", from, until);

    private static PreventionAct Vaccine(string code, string title, AgeMark from, AgeMark until, DoseNeed[] needs) =>
        new(code, PreventionCategory.Vaccination, title, from, until) { Needs = needs };
}
