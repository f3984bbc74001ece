using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Controls;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

[Collection(HealthSpaceCollection.Name)]
public sealed class ControlsTests(HealthSpaceFixture fixture)
{
    private const string Doctor = "10001234567";

    [Fact]
    public async Task A_blocked_professional_is_refused_from_the_next_request_and_admitted_again_once_unblocked()
    {
        var person = await fixture.OpenSpaceAsync();
        var holder = fixture.App.PatientClient(person);
        var doctor = fixture.App.ProfessionalClient(Doctor);
        var search = $"/fhir/Observation?patient={person.Value}";

        var before = await doctor.GetAsync(search);
        var blocked = await holder.PutAsync($"/api/v1/me/controls/blocked-professionals/{Doctor}", null);
        var refused = await doctor.GetAsync(search);
        var otherDoctor = await fixture.App.ProfessionalClient("10007654321").GetAsync(search);
        var unblocked = await holder.DeleteAsync($"/api/v1/me/controls/blocked-professionals/{Doctor}");
        var after = await doctor.GetAsync(search);

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        (await blocked.ReadAsAsync<SpaceControls>()).BlockedProfessionals.Should().Equal(Doctor);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.Contain("No space of this person is open to you.").And.NotContain("blocked");
        otherDoctor.StatusCode.Should().Be(HttpStatusCode.OK);
        (await unblocked.ReadAsAsync<SpaceControls>()).BlockedProfessionals.Should().BeEmpty();
        after.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.HistoryLinesAsync(person, Doctor)).Should().Be(2, "the two admitted reads are recorded, the refused one read nothing");
    }

    [Fact]
    public async Task Break_glass_is_flagged_and_announced_and_refusing_it_leaves_emergency_access_alone()
    {
        var person = await fixture.OpenSpaceAsync();
        var holder = fixture.App.PatientClient(person);
        var search = $"/fhir/Observation?patient={person.Value}";

        var breakGlass = await fixture.App.ProfessionalClient(Doctor, mode: "break-glass").GetAsync(search);
        var refuse = await holder.PutAsJsonAsync("/api/v1/me/controls/break-glass", new { allowed = false });
        var refused = await fixture.App.ProfessionalClient(Doctor, mode: "break-glass").GetAsync(search);
        var emergency = await fixture.App.ProfessionalClient("10002222222", mode: "emergency").GetAsync(search);
        var refuseEmergency = await holder.PutAsJsonAsync("/api/v1/me/controls/emergency-access", new { allowed = false });
        var emergencyRefused = await fixture.App.ProfessionalClient("10002222222", mode: "emergency").GetAsync(search);
        var controls = await holder.GetFromJsonAsync<SpaceControls>("/api/v1/me/controls", Json.Options);
        var history = await holder.GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);

        breakGlass.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refuse.ReadAsAsync<SpaceControls>()).BreakGlassAllowed.Should().BeFalse();
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("No space of this person is open to you.", "the same answer as for a person without a space");
        emergency.StatusCode.Should().Be(HttpStatusCode.OK);
        emergencyRefused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        controls.Should().BeEquivalentTo(new SpaceControls([], false, false, 0, []));
        history!.Records.Where(r => r.Role == AccessorRole.Professional).Select(r => (r.ActorId, r.How)).Should().Equal(
            ("10002222222", "fhir, emergency"),
            (Doctor, "fhir, break-glass"));
        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE dedup_key LIKE @key AND kind = 'UrgentAccess'", ("key", $"urgent:{person.Value}:%")))
            .Should().Be(2, "each urgent access is announced to the person once");
    }

    [Fact]
    public async Task Bad_control_requests_are_refused_with_the_field_named()
    {
        var person = await fixture.OpenSpaceAsync();
        var holder = fixture.App.PatientClient(person);

        var badRpps = await holder.PutAsync("/api/v1/me/controls/blocked-professionals/12AB", null);
        var missing = await holder.PutAsJsonAsync("/api/v1/me/controls/break-glass", new { });
        var badMode = await fixture.App.ProfessionalClient(Doctor, mode: "because").GetAsync($"/fhir/Observation?patient={person.Value}");
        var byProfessional = await fixture.App.ProfessionalClient(Doctor).GetAsync("/api/v1/me/controls");

        badRpps.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badRpps.Content.ReadAsStringAsync()).Should().Contain("rpps");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("allowed");
        badMode.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badMode.Content.ReadAsStringAsync()).Should().Contain("X-Access-Mode");
        byProfessional.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await holder.GetFromJsonAsync<SpaceControls>("/api/v1/me/controls", Json.Options)).Should().BeEquivalentTo(new SpaceControls([], true, true, 0, []));
    }

    [Fact]
    public async Task A_legal_representative_acts_for_a_minor_recorded_as_such_and_not_for_an_adult()
    {
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(2015, 5, 1));
        var adult = await fixture.OpenSpaceAsync();
        var parent = TestIns.Next();
        var stranger = TestIns.Next();
        var operatorClient = fixture.App.ClientFor("operator", "op-1");

        await fixture.RepresentAsync(minor, parent);
        var forAdult = await operatorClient.PutAsync($"/api/v1/patients/{adult.Value}/representatives/{parent.Value}?reference=jugement-2026-1&{TestIns.BirthDateParameter(adult)}", null);
        var byPatient = await fixture.App.PatientClient(parent).PutAsync($"/api/v1/patients/{minor.Value}/representatives/{stranger.Value}?reference=jugement-2026-1&{TestIns.BirthDateParameter(minor)}", null);
        var blockAsParent = await fixture.App.RepresentativeClient(parent, minor).PutAsync($"/api/v1/me/controls/blocked-professionals/{Doctor}", null);
        var asStranger = await fixture.App.RepresentativeClient(stranger, minor).GetAsync("/api/v1/me/controls");
        var asParentForAdult = await fixture.App.RepresentativeClient(parent, adult).GetAsync("/api/v1/me/controls");
        var history = await fixture.App.PatientClient(minor).GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);

        forAdult.StatusCode.Should().Be(HttpStatusCode.Conflict);
        byPatient.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        blockAsParent.StatusCode.Should().Be(HttpStatusCode.OK);
        (await blockAsParent.ReadAsAsync<SpaceControls>()).Should().BeEquivalentTo(new SpaceControls([Doctor], true, true, 1, []));
        asStranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        asParentForAdult.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        history!.Records.Select(r => (r.Role, r.Action, r.How)).Should().Equal(
            (AccessorRole.Patient, "write", "api, legal representative"),
            (AccessorRole.Operator, "write", "api"));
        history.Records[^1].Should().Match<AccessRecord>(r => r.ActorId == "op-1" && r.Resource == "add legal representative (reference jugement-2026-1)");
    }

    [Fact]
    public async Task A_representative_finds_the_minors_they_represent_and_loses_one_removed()
    {
        var (older, younger) = (await fixture.OpenSpaceAsync(TestIns.Born(2014, 3, 1)), await fixture.OpenSpaceAsync(TestIns.Born(2019, 9, 1)));
        var parent = TestIns.Next();
        await fixture.RepresentAsync(older, parent);
        await fixture.RepresentAsync(younger, parent);
        await fixture.RepresentAsync(younger, parent);

        var both = await fixture.App.PatientClient(parent).GetFromJsonAsync<List<JsonElement>>("/api/v1/me/represented");
        (await fixture.App.ClientFor("operator", "op-1").DeleteAsync($"/api/v1/patients/{older.Value}/representatives/{parent.Value}")).EnsureSuccessStatusCode();
        var one = await fixture.App.PatientClient(parent).GetFromJsonAsync<List<JsonElement>>("/api/v1/me/represented");
        var asMinor = await fixture.App.RepresentativeClient(parent, younger).GetAsync("/api/v1/me/represented");
        var ofMinor = await fixture.App.PatientClient(younger).GetFromJsonAsync<List<JsonElement>>("/api/v1/me/represented");

        both!.Select(m => m.GetProperty("ins").GetString()).Should().BeEquivalentTo([older.Value, younger.Value], "recorded twice is recorded once");
        one!.Select(m => m.GetProperty("ins").GetString()).Should().Equal(younger.Value);
        asMinor.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the list is the representative's own, asked without acting for anyone");
        ofMinor.Should().BeEmpty("a minor represents nobody");
    }

    [Fact]
    public async Task An_operator_appoints_a_representative_only_with_a_reference_and_learns_nothing_else_of_the_space()
    {
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(2016, 4, 1));
        var parent = TestIns.Next();
        var operatorClient = fixture.App.ClientFor("operator", "op-2");
        (await fixture.App.PatientClient(minor).PutAsync($"/api/v1/me/controls/blocked-professionals/{Doctor}", null)).EnsureSuccessStatusCode();

        var withoutReference = await operatorClient.PutAsync($"/api/v1/patients/{minor.Value}/representatives/{parent.Value}", null);
        var appointed = await operatorClient.PutAsync($"/api/v1/patients/{minor.Value}/representatives/{parent.Value}?reference=acte-naissance-75-2018-123&{TestIns.BirthDateParameter(minor)}", null);
        var removed = await operatorClient.DeleteAsync($"/api/v1/patients/{minor.Value}/representatives/{parent.Value}");

        withoutReference.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await withoutReference.Content.ReadAsStringAsync()).Should().Contain("reference");
        (await appointed.Content.ReadAsStringAsync()).Should().Be("{\"legalRepresentatives\":1}");
        (await removed.Content.ReadAsStringAsync()).Should().Be("{\"legalRepresentatives\":0}", "never the blocked professionals or the urgent-access settings");
    }
}
