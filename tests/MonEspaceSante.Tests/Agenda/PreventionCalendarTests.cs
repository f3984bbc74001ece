using MonEspaceSante.Grains.Agenda;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Agenda;

[Trait("Category", "Unit")]
public sealed class PreventionCalendarTests
{
    private static readonly DateOnly Today = new(2026, 9, 1);

    [Fact]
    public void There_are_twenty_compulsory_child_examinations_from_birth_to_sixteen()
    {
        var exams = PreventionSchedule.ChildExaminations().ToList();

        exams.Should().HaveCount(20);
        exams.Select(e => e.Code).Should().OnlyHaveUniqueItems();
        var born = new DateOnly(2026, 1, 1);
        (exams[0].From.For(born), exams[0].Until.For(born)).Should().Be((born, born.AddDays(8)));
        exams.Should().NotContain(e => e.Code == "child-exam-1m", "the one-month examination was dropped on 1 January 2025");
        exams[^1].Until.For(born).Should().Be(born.AddYears(17));
    }

    [Fact]
    public void A_newborn_is_due_the_examination_of_the_first_eight_days()
    {
        var due = PreventionCalendar.Due(Today, female: false, Today);

        due.Where(r => r.DueNow).Select(r => r.Code).Should().Equal("child-exam-8d");
        due[0].DueBy.Should().Be(Today.AddDays(7));
        due.Select(r => r.Code).Should().Contain(["child-exam-2w", "vaccines-2m", "child-exam-12m", "vaccines-11m"]).And.NotContain("child-exam-13m");
    }

    [Fact]
    public void The_flu_vaccine_is_due_each_autumn_from_65()
    {
        var born = new DateOnly(1956, 5, 1);

        var september = PreventionCalendar.Due(born, female: true, Today);
        var november = PreventionCalendar.Due(born, female: true, new DateOnly(2026, 11, 2));

        september.Single(r => r.Code == "flu-2026").Should().Be(new PreventionReminder(
            "flu-2026", PreventionCategory.Vaccination, "Vaccin contre la grippe saisonnière (campagne 2026-2027), chaque année à partir de 65 ans", new DateOnly(2026, 10, 15), new DateOnly(2027, 1, 31), false,
            "Recommandé pour tous chaque année à partir de 65 ans ; vous avez 70 ans. Pas de vaccin contre la grippe de cette campagne dans votre carnet de vaccination. Aucune dose enregistrée."));
        november.Single(r => r.Code == "flu-2026").DueNow.Should().BeTrue();
        PreventionCalendar.Due(new DateOnly(1970, 5, 1), female: true, Today).Should().NotContain(r => r.Code.StartsWith("flu-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_person_turning_65_during_a_campaign_joins_it_on_their_birthday()
    {
        var due = PreventionCalendar.Due(new DateOnly(1961, 12, 1), female: false, Today);

        due.Single(r => r.Code == "flu-2026").DueFrom.Should().Be(new DateOnly(2026, 12, 1));
        due.Single(r => r.Code == "vaccines-65y").DueFrom.Should().Be(new DateOnly(2026, 12, 1));
    }

    [Fact]
    public void Cervical_screening_is_every_three_years_from_25_then_every_five_from_30_to_65()
    {
        var born = new DateOnly(2001, 3, 1);

        var at25 = PreventionCalendar.Due(born, female: true, new DateOnly(2026, 3, 1));
        var codes = PreventionSchedule.Screenings().Where(s => s.Code.StartsWith("cervical", StringComparison.Ordinal)).Select(s => s.Code);

        at25.Single(r => r.Code == "cervical-screening-25").DueBy.Should().Be(new DateOnly(2029, 2, 28));
        codes.Should().Equal("cervical-screening-25", "cervical-screening-28", "cervical-screening-30", "cervical-screening-35", "cervical-screening-40",
            "cervical-screening-45", "cervical-screening-50", "cervical-screening-55", "cervical-screening-60", "cervical-screening-65");
        PreventionCalendar.Due(born, female: false, new DateOnly(2026, 3, 1)).Should().NotContain(r => r.Code.StartsWith("cervical", StringComparison.Ordinal));
    }

    [Fact]
    public void Screenings_stop_after_74()
    {
        var due = PreventionCalendar.Due(new DateOnly(1951, 6, 1), female: true, Today);

        due.Should().NotContain(r => r.Category == PreventionCategory.CancerScreening);
        due.Select(r => r.Code).Should().Equal("vaccines-75y", "flu-2026");
    }

    [Fact]
    public void The_ins_gives_the_month_of_birth_and_the_sex_with_an_unknown_month_read_as_january()
    {
        var now = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

        InsDemographics.BirthMonth(Ins.FromBody("2740375123456"), now).Should().Be(new DateOnly(1974, 3, 1));
        InsDemographics.BirthMonth(Ins.FromBody("1254275123456"), now).Should().Be(new DateOnly(2025, 1, 1));
        InsDemographics.BirthMonth(Ins.FromBody("1260675123456"), now).Should().Be(new DateOnly(2026, 6, 1));
        InsDemographics.IsFemale(Ins.FromBody("2740375123456")).Should().BeTrue();
        InsDemographics.IsFemale(Ins.FromBody("7740375123456")).Should().BeFalse();
        InsDemographics.IsFemale(Ins.FromBody("8740375123456")).Should().BeTrue();
    }
}
