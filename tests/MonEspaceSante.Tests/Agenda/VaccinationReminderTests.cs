using MonEspaceSante.Grains.Agenda;
using MonEspaceSante.Interfaces.Profile;
using static MonEspaceSante.Interfaces.Profile.ProfileCodeSystems;

namespace MonEspaceSante.Tests.Agenda;

/// <summary>The vaccination calendar's main cases against a vaccination record: what a recorded dose satisfies, and why a reminder is shown.</summary>
[Trait("Category", "Unit")]
public sealed class VaccinationReminderTests
{
    private static RecordedDose Dose(DateOnly given, params (string System, string Code)[] codes) =>
        new(given, VaccineCoverage.Of(codes.Select(c => new ProfileCode(c.System, c.Code))));

    private static readonly (string, string) Hexavalent = (Atc, "J07CA09");
    private static readonly (string, string) Pneumococcal = (Atc, "J07AL02");

    [Fact]
    public void A_childs_series_dose_satisfies_its_reminder_and_the_next_one_says_what_is_missing()
    {
        var born = new DateOnly(2026, 1, 1);
        var today = new DateOnly(2026, 3, 5);

        var none = PreventionCalendar.Due(born, female: false, today);
        var afterFirst = PreventionCalendar.Due(born, female: false, today, [Dose(new DateOnly(2026, 3, 2), Hexavalent, Pneumococcal)]);

        none.Single(r => r.Code == "vaccines-2m").Reason.Should().Be(
            "Recommandé pour tous de 2 mois à 3 mois ; vous avez 2 mois. Pas encore dans votre carnet de vaccination : diphtérie (dose 1), tétanos (dose 1), "
            + "coqueluche (dose 1), poliomyélite (dose 1), Haemophilus influenzae b (dose 1), hépatite B (dose 1), pneumocoque (dose 1). Aucune dose enregistrée.");
        afterFirst.Select(r => r.Code).Should().NotContain("vaccines-2m").And.Contain("vaccines-4m");
        var next = afterFirst.Single(r => r.Code == "vaccines-4m");
        next.LastDose.Should().Be(new DateOnly(2026, 3, 2));
        next.Reason.Should().EndWith("pneumocoque (dose 2). Dernière dose enregistrée : 02/03/2026.");
    }

    [Fact]
    public void A_dose_missing_from_a_combination_keeps_the_reminder_for_that_antigen_only()
    {
        var born = new DateOnly(2026, 1, 1);

        var due = PreventionCalendar.Due(born, female: false, new DateOnly(2026, 3, 5), [Dose(new DateOnly(2026, 3, 2), Hexavalent)]);

        due.Single(r => r.Code == "vaccines-2m").Reason.Should().Contain("Pas encore dans votre carnet de vaccination : pneumocoque (dose 1).");
    }

    [Fact]
    public void An_adult_booster_counts_from_two_years_before_its_age_and_an_older_dose_does_not()
    {
        var born = new DateOnly(2001, 6, 1);
        var today = new DateOnly(2026, 3, 1);

        var recent = PreventionCalendar.Due(born, female: false, today, [Dose(new DateOnly(2025, 9, 1), (Atc, "J07CA02"))]);
        var old = PreventionCalendar.Due(born, female: false, today, [Dose(new DateOnly(2019, 9, 1), (Atc, "J07CA02"))]);

        recent.Select(r => r.Code).Should().NotContain("vaccines-25y");
        old.Single(r => r.Code == "vaccines-25y").Reason.Should().Contain("diphtérie (une dose à partir de 23 ans)").And.EndWith("Dernière dose enregistrée : 01/09/2019.");
    }

    [Fact]
    public void A_flu_vaccine_counts_for_its_campaign_only()
    {
        var born = new DateOnly(1950, 2, 1);
        var doses = new[] { Dose(new DateOnly(2026, 10, 1), (Cvx, "141")) };

        var november = PreventionCalendar.Due(born, female: true, new DateOnly(2026, 11, 2), doses);
        var nextAutumn = PreventionCalendar.Due(born, female: true, new DateOnly(2027, 10, 20), doses);

        november.Select(r => r.Code).Should().NotContain("flu-2026");
        nextAutumn.Single(r => r.Code == "flu-2027").LastDose.Should().Be(new DateOnly(2026, 10, 1));
    }

    [Fact]
    public void A_vaccine_coded_in_cis_alone_satisfies_nothing_until_it_carries_its_atc_coding()
    {
        var cisOnly = VaccineCoverage.Of([new ProfileCode(BdpmCis, "60543853")]);
        var both = VaccineCoverage.Of([new ProfileCode(BdpmCis, "60543853"), new ProfileCode(Atc, "J07BD52")]);

        cisOnly.Should().BeEmpty();
        both.Should().BeEquivalentTo([Antigen.Measles, Antigen.Mumps, Antigen.Rubella]);
        VaccineCoverage.Of([new ProfileCode(Cvx, "3")]).Should().BeEquivalentTo([Antigen.Measles, Antigen.Mumps, Antigen.Rubella], "CVX 03 written without its zero");
        VaccineCoverage.Of([new ProfileCode(Atc, "J07BM03")]).Should().BeEquivalentTo([Antigen.Papillomavirus], "an ATC code counts by its group");
    }

    [Fact]
    public void A_screening_reminder_says_for_whom_and_at_what_age()
    {
        var due = PreventionCalendar.Due(new DateOnly(1975, 2, 1), female: true, new DateOnly(2026, 3, 1));

        due.Single(r => r.Code == "breast-screening-50").Reason.Should().Be("Recommandé pour les femmes de 50 ans à 52 ans ; vous avez 51 ans.");
    }
}
