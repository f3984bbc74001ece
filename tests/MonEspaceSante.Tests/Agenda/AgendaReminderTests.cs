using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Agenda;

/// <summary>Prevention reminders through the API, computed from the INS and the fake domain clock.</summary>
[Collection(AgendaCollection.Name)]
public sealed class AgendaReminderTests(HealthSpaceFixture fixture)
{
    private DateTimeOffset Now => fixture.App.Clock.GetUtcNow();

    [Fact]
    public async Task A_woman_of_52_is_reminded_of_breast_colorectal_and_cervical_screening()
    {
        var woman = await fixture.OpenSpaceAsync(TestIns.Born(Now.Year - 52, Now.Month, 2));

        var page = await fixture.App.PatientClient(woman).AgendaAsync();

        page.PreventionEnabled.Should().BeTrue();
        page.Reminders.Select(r => (r.Code, r.Category, r.DueNow)).Should().BeEquivalentTo(new[]
        {
            ("breast-screening-52", PreventionCategory.CancerScreening, true),
            ("colorectal-screening-52", PreventionCategory.CancerScreening, true),
            ("cervical-screening-50", PreventionCategory.CancerScreening, true),
        });
        var born = new DateOnly(Now.Year - 52, Now.Month, 1);
        page.Reminders.Single(r => r.Code == "breast-screening-52").Should().Be(new PreventionReminder(
            "breast-screening-52", PreventionCategory.CancerScreening, "Dépistage du cancer du sein (mammographie), tous les 2 ans de 50 à 74 ans",
            born.AddYears(52), born.AddYears(54).AddDays(-1), true, "Recommandé pour les femmes de 52 ans à 54 ans ; vous avez 52 ans."));
    }

    [Fact]
    public async Task A_man_of_52_is_reminded_of_colorectal_screening_but_not_breast()
    {
        var man = await fixture.OpenSpaceAsync(TestIns.Born(Now.Year - 52, Now.Month, 1));

        var page = await fixture.App.PatientClient(man).AgendaAsync();

        page.Reminders.Select(r => r.Code).Should().Equal("colorectal-screening-52");
    }

    [Fact]
    public async Task A_baby_born_three_months_ago_is_due_the_next_compulsory_examinations_and_infant_vaccines()
    {
        var birth = Now.AddMonths(-3);
        var baby = await fixture.OpenSpaceAsync(TestIns.Born(birth.Year, birth.Month, 1));

        var page = await fixture.App.PatientClient(baby).AgendaAsync();

        page.Reminders.Select(r => r.Code).Should().Equal(
            "child-exam-3m", "vaccines-3m", "child-exam-4m", "vaccines-4m", "child-exam-5m", "vaccines-5m", "child-exam-6m", "vaccines-6m",
            "child-exam-9m", "vaccines-11m", "child-exam-12m", "vaccines-12m", "child-exam-13m");
        page.Reminders.Where(r => r.DueNow).Select(r => r.Code).Should().Equal("child-exam-3m", "vaccines-3m");
        page.Reminders.Single(r => r.Code == "vaccines-4m").Title.Should().Contain("(2e dose)");
    }

    [Fact]
    public async Task Turning_prevention_off_removes_the_reminders_and_on_brings_them_back_and_the_setting_is_stored()
    {
        var woman = await fixture.OpenSpaceAsync(TestIns.Born(Now.Year - 52, Now.Month, 2));
        var me = fixture.App.PatientClient(woman);

        var off = await me.PutAsJsonAsync("/api/v1/me/agenda/prevention", new { enabled = false });
        var whileOff = await me.AgendaAsync();
        var storedOff = await StoredPreventionOffAsync(woman);
        var on = await me.PutAsJsonAsync("/api/v1/me/agenda/prevention", new { enabled = true });
        var whileOn = await me.AgendaAsync();

        off.StatusCode.Should().Be(HttpStatusCode.OK);
        (await off.ReadAsAsync<PreventionSetting>()).Enabled.Should().BeFalse();
        (whileOff.PreventionEnabled, whileOff.Reminders.Count).Should().Be((false, 0));
        storedOff.Should().Be(1);
        on.StatusCode.Should().Be(HttpStatusCode.OK);
        (whileOn.PreventionEnabled, whileOn.Reminders.Count).Should().Be((true, 3));
        (await StoredPreventionOffAsync(woman)).Should().Be(0);
        (await me.PutAsJsonAsync("/api/v1/me/agenda/prevention", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Moving_the_clock_brings_the_screening_of_a_man_turning_50()
    {
        // Born so that the 50th birthday falls 14 months from now: beyond the 12-month horizon, until the clock moves.
        var fifty = Now.AddMonths(14);
        var man = await fixture.OpenSpaceAsync(TestIns.Born(fifty.Year - 50, fifty.Month, 1));
        var me = fixture.App.PatientClient(man);
        var before = await me.AgendaAsync();

        fixture.App.Clock.Advance(TimeSpan.FromDays(92));
        var after = await me.AgendaAsync();

        before.Reminders.Should().BeEmpty();
        var due = after.Reminders.Should().ContainSingle().Subject;
        (due.Code, due.DueFrom, due.DueNow).Should().Be(("colorectal-screening-50", new DateOnly(fifty.Year, fifty.Month, 1), false));
    }

    [Fact]
    public async Task A_legal_representative_manages_a_minors_agenda_and_sees_the_childs_reminders()
    {
        var birth = Now.AddMonths(-3);
        var baby = await fixture.OpenSpaceAsync(TestIns.Born(birth.Year, birth.Month, 2));
        var parent = await fixture.OpenSpaceAsync();
        await fixture.RepresentAsync(baby, parent);
        var forBaby = fixture.App.RepresentativeClient(parent, baby);

        var added = await forBaby.PostAgendaAsync(new { title = "Paediatrician", start = AgendaSamples.Instant(Now.AddDays(6)) });
        var page = await forBaby.AgendaAsync();

        added.StatusCode.Should().Be(HttpStatusCode.Created);
        page.Entries.Select(e => (e.Title, e.Source)).Should().Equal(("Paediatrician", "patient"));
        page.Reminders.Should().Contain(r => r.Code == "child-exam-4m");
        (await fixture.App.PatientClient(parent).AgendaAsync()).Entries.Should().BeEmpty();
        (await fixture.HistoryLinesAsync(baby, parent.Value)).Should().Be(2);
    }

    private Task<long> StoredPreventionOffAsync(Ins person) => fixture.CountAsync(
        "SELECT count(*) FROM mes_grain_state WHERE state_name = 'patient.agenda' AND grain_id = @key AND convert_from(payload, 'UTF8')::jsonb ->> 'PreventionOff' = 'true'",
        ("key", $"patient/{PatientKey.From(person)}"));
}
