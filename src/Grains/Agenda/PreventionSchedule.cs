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
    private const string Hexavalent = "diphtheria, tetanus, pertussis, polio, Haemophilus influenzae b, hepatitis B";

    private static readonly Antigen[] HexavalentAntigens = [Diphtheria, Tetanus, Pertussis, Polio, HaemophilusB, HepatitisB];

    public static IReadOnlyList<PreventionAct> Acts { get; } = [.. ChildExaminations(), .. Vaccinations(), .. Screenings()];

    private static readonly HashSet<string> Codes = [.. Acts.Select(a => a.Code)];

    /// <summary>Whether <paramref name="code"/> names a reminder: an act of the schedule, or a flu campaign (<c>flu-2026</c>).</summary>
    public static bool IsReminderCode(string code) =>
        Codes.Contains(code) || (code.StartsWith("flu-", StringComparison.Ordinal) && code.Length == 8 && int.TryParse(code.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year >= 2000);

    /// <summary>The 20 compulsory examinations of a child (CSP R2132-1, calendar of 1 January 2025).</summary>
    public static IEnumerable<PreventionAct> ChildExaminations()
    {
        yield return Exam("child-exam-8d", "within 8 days of birth (first health certificate)", AtDays(0), AtDays(8));
        yield return Exam("child-exam-2w", "in the second week", AtDays(8), AtDays(15));
        for (var month = 2; month <= 6; month++)
        {
            yield return Exam($"child-exam-{month}m", $"at {month} months", AtMonths(month), AtMonths(month + 1));
        }

        yield return Exam("child-exam-9m", "at 9 months (second health certificate)", AtMonths(9), AtMonths(10));
        yield return Exam("child-exam-12m", "at 12 months", AtMonths(12), AtMonths(13));
        yield return Exam("child-exam-13m", "at 13 months", AtMonths(13), AtMonths(14));
        yield return Exam("child-exam-16m", "between 16 and 18 months", AtMonths(16), AtMonths(19));
        yield return Exam("child-exam-24m", "at 24 or 25 months (third health certificate)", AtMonths(24), AtMonths(26));
        for (var year = 3; year <= 7; year++)
        {
            yield return Exam($"child-exam-{year}y", $"at {year} years", AtYears(year), AtYears(year + 1));
        }

        yield return Exam("child-exam-8y", "between 8 and 9 years", AtYears(8), AtYears(10));
        yield return Exam("child-exam-11y", "between 11 and 13 years", AtYears(11), AtYears(14));
        yield return Exam("child-exam-15y", "between 15 and 16 years", AtYears(15), AtYears(17));
    }

    public static IEnumerable<PreventionAct> Vaccinations()
    {
        yield return Vaccine("vaccines-2m", $"Vaccines at 2 months: {Hexavalent} (1st dose); pneumococcal (1st dose)", AtMonths(2), AtMonths(3), Series(1, [.. HexavalentAntigens, Pneumococcal]));
        yield return Vaccine("vaccines-3m", "Vaccine at 3 months: meningococcal B (1st dose)", AtMonths(3), AtMonths(4), Series(1, [MeningococcalB]));
        yield return Vaccine("vaccines-4m", $"Vaccines at 4 months: {Hexavalent} (2nd dose); pneumococcal (2nd dose)", AtMonths(4), AtMonths(5), Series(2, [.. HexavalentAntigens, Pneumococcal]));
        yield return Vaccine("vaccines-5m", "Vaccine at 5 months: meningococcal B (2nd dose)", AtMonths(5), AtMonths(6), Series(2, [MeningococcalB]));
        yield return Vaccine("vaccines-6m", "Vaccine at 6 months: meningococcal ACWY (1st dose)", AtMonths(6), AtMonths(7), Series(1, [MeningococcalAcwy]));
        yield return Vaccine("vaccines-11m", $"Vaccines at 11 months: {Hexavalent} (booster); pneumococcal (booster)", AtMonths(11), AtMonths(12), Series(3, [.. HexavalentAntigens, Pneumococcal]));
        yield return Vaccine("vaccines-12m", "Vaccines at 12 months: measles, mumps, rubella (1st dose); meningococcal B and ACWY (boosters)", AtMonths(12), AtMonths(13),
            [.. Series(1, [Measles, Mumps, Rubella]), new DoseNeed(MeningococcalB, 3), new DoseNeed(MeningococcalAcwy, 2)]);
        yield return Vaccine("vaccines-16m", "Vaccine between 16 and 18 months: measles, mumps, rubella (2nd dose)", AtMonths(16), AtMonths(19), Series(2, [Measles, Mumps, Rubella]));
        yield return Vaccine("vaccines-6y", "Booster at 6 years: diphtheria, tetanus, pertussis, polio", AtYears(6), AtYears(7), Series(4, [Diphtheria, Tetanus, Pertussis, Polio]));
        yield return Vaccine("vaccines-11y", "Booster between 11 and 13 years: diphtheria, tetanus, pertussis, polio", AtYears(11), AtYears(14), Series(5, [Diphtheria, Tetanus, Pertussis, Polio]));
        yield return Vaccine("vaccines-hpv", "Papillomavirus (HPV) vaccine: two doses between 11 and 14 years", AtYears(11), AtYears(15), Series(2, [Papillomavirus]));
        yield return Vaccine("vaccines-25y", "Adult booster at 25: diphtheria, tetanus, pertussis, polio", AtYears(25), AtYears(26), Booster(23, [Diphtheria, Tetanus, Pertussis, Polio]));
        yield return Vaccine("vaccines-45y", "Adult booster at 45: diphtheria, tetanus, polio", AtYears(45), AtYears(46), Booster(43, [Diphtheria, Tetanus, Polio]));
        for (var age = 65; age <= 115; age += 10)
        {
            yield return Vaccine($"vaccines-{age}y", $"Booster at {age}: diphtheria, tetanus, polio (every 10 years from 65)", AtYears(age), AtYears(age + 1), Booster(age - 2, [Diphtheria, Tetanus, Polio]));
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
                "Breast cancer screening (mammography), every 2 years from 50 to 74", AtYears(age), AtYears(Math.Min(age + 2, 75)), WomenOnly: true);
            yield return new PreventionAct($"colorectal-screening-{age}", PreventionCategory.CancerScreening,
                "Colorectal cancer screening (stool test), every 2 years from 50 to 74", AtYears(age), AtYears(Math.Min(age + 2, 75)));
        }

        foreach (var age in new[] { 25, 28 })
        {
            yield return new PreventionAct($"cervical-screening-{age}", PreventionCategory.CancerScreening,
                "Cervical cancer screening (cytology), every 3 years from 25 to 29", AtYears(age), AtYears(Math.Min(age + 3, 30)), WomenOnly: true);
        }

        for (var age = 30; age <= 65; age += 5)
        {
            yield return new PreventionAct($"cervical-screening-{age}", PreventionCategory.CancerScreening,
                "Cervical cancer screening (HPV test), every 5 years from 30 to 65", AtYears(age), AtYears(Math.Min(age + 5, 66)), WomenOnly: true);
        }
    }

    private static PreventionAct Exam(string code, string when, AgeMark from, AgeMark until) =>
        new(code, PreventionCategory.ChildExamination, $"Compulsory child examination {when}", from, until);

    private static PreventionAct Vaccine(string code, string title, AgeMark from, AgeMark until, DoseNeed[] needs) =>
        new(code, PreventionCategory.Vaccination, title, from, until) { Needs = needs };
}
