using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Agenda;

/// <summary>Who may read and write a person's agenda, through both APIs.</summary>
[Collection(AgendaCollection.Name)]
public sealed class AgendaAuthorizationTests(HealthSpaceFixture fixture)
{
    private const string Rpps = "10009876543";

    private DateTimeOffset Start => fixture.App.Clock.GetUtcNow().AddDays(9);

    [Fact]
    public async Task The_holder_reads_and_writes_their_own_agenda_on_both_apis_and_leaves_no_history_line()
    {
        var person = await fixture.OpenSpaceAsync();
        var me = fixture.App.PatientClient(person);

        var json = await me.PostAgendaAsync(new { title = "Dentist", start = AgendaSamples.Instant(Start) });
        var fhir = await me.PostFhirAsync(AgendaSamples.Appointment(person, "own-1", Start));
        var search = await me.GetAsync("/fhir/Appointment");

        (json.StatusCode, fhir.StatusCode, search.StatusCode).Should().Be((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK));
        (await search.FhirBodyAsync()).GetProperty("entry").GetArrayLength().Should().Be(2);
        (await fixture.HistoryLinesAsync(person, person.Value)).Should().Be(0);
    }

    [Fact]
    public async Task Another_patient_neither_reads_nor_writes()
    {
        var person = await fixture.OpenSpaceAsync();
        var stranger = fixture.App.PatientClient(await fixture.OpenSpaceAsync());
        stranger.DefaultRequestHeaders.Add("X-Act-For", person.Value);

        (await stranger.PostFhirAsync(AgendaSamples.Appointment(person, "s-1", Start))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await stranger.GetAsync($"/fhir/Appointment?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await stranger.GetAsync("/api/v1/me/agenda")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await stranger.PostAgendaAsync(new { title = "Intrusion", start = AgendaSamples.Instant(Start) })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.App.PatientClient(person).AgendaAsync()).Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task A_professional_reads_and_writes_and_each_access_is_in_the_holders_history()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);

        var created = await doctor.PostFhirAsync(AgendaSamples.Appointment(person, "p-1", Start));
        var search = await doctor.GetAsync($"/fhir/Appointment?patient={IdentifierSystems.InsNir}|{person.Value}");
        var id = (await created.FhirBodyAsync()).GetProperty("id").GetString()!;
        var read = await doctor.GetAsync($"/fhir/Appointment/{id}?patient={person.Value}");

        (created.StatusCode, search.StatusCode, read.StatusCode).Should().Be((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK));
        (await read.FhirBodyAsync()).GetProperty("identifier")[0].GetProperty("value").GetString().Should().Be("p-1");
        (await fixture.HistoryLinesAsync(person, Rpps)).Should().Be(3);
        (await doctor.PutAsJsonAsync("/api/v1/me/agenda/prevention", new { enabled = false })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_professional_the_holder_blocked_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);
        (await doctor.PostFhirAsync(AgendaSamples.Appointment(person, "b-1", Start))).StatusCode.Should().Be(HttpStatusCode.Created);

        (await fixture.App.PatientClient(person).PutAsync($"/api/v1/me/controls/blocked-professionals/{Rpps}", null)).EnsureSuccessStatusCode();

        (await doctor.PostFhirAsync(AgendaSamples.Appointment(person, "b-2", Start))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await doctor.GetAsync($"/fhir/Appointment?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.App.PatientClient(person).AgendaAsync()).Entries.Select(e => e.ExternalId).Should().Equal("b-1");
    }

    [Fact]
    public async Task An_app_with_agenda_write_writes_but_cannot_read()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, "agenda-app", "agenda.write");
        var app = fixture.App.ClientFor("app", "agenda-app");

        var created = await app.PostFhirAsync(AgendaSamples.Appointment(person, "a-1", Start));
        var id = (await created.FhirBodyAsync()).GetProperty("id").GetString()!;

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await app.GetAsync($"/fhir/Appointment?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.GetAsync($"/fhir/Appointment/{id}?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.GetAsync("/api/v1/me/agenda")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_app_without_agenda_write_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, "docs-app", "documents.read");

        var response = await fixture.App.ClientFor("app", "docs-app").PostFhirAsync(AgendaSamples.Appointment(person, "d-1", Start));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.FhirBodyAsync()).GetProperty("issue")[0].GetProperty("diagnostics").GetString().Should().Contain("agenda.write");
    }

    [Fact]
    public async Task An_app_is_refused_from_its_very_next_request_after_the_consent_is_revoked()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, "agenda-app", "agenda.write");
        var app = fixture.App.ClientFor("app", "agenda-app");
        (await app.PostFhirAsync(AgendaSamples.Appointment(person, "r-1", Start))).StatusCode.Should().Be(HttpStatusCode.Created);

        (await fixture.App.PatientClient(person).DeleteAsync("/api/v1/me/consents/agenda-app")).EnsureSuccessStatusCode();

        (await app.PostFhirAsync(AgendaSamples.Appointment(person, "r-1", Start, status: "cancelled"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.App.PatientClient(person).AgendaAsync()).Entries.Single().Status.Should().Be(AgendaStatus.Booked);
    }

    [Fact]
    public async Task An_operator_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        var operatorClient = fixture.App.ClientFor("operator", "op-1");

        (await operatorClient.PostFhirAsync(AgendaSamples.Appointment(person, "o-1", Start))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await operatorClient.GetAsync($"/fhir/Appointment?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await operatorClient.GetAsync("/api/v1/me/agenda")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var person = TestIns.Next();
        var anonymous = fixture.App.CreateClient();

        (await anonymous.PostFhirAsync(AgendaSamples.Appointment(person, "n-1", Start))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"/fhir/Appointment?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/me/agenda")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.PutAsJsonAsync("/api/v1/me/agenda/prevention", new { enabled = false })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_capability_statement_lists_appointment_create_update_read_and_search()
    {
        var statement = await (await fixture.App.CreateClient().GetAsync("/fhir/metadata")).FhirBodyAsync();

        var appointment = statement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "Appointment");
        appointment.GetProperty("interaction").EnumerateArray().Select(i => i.GetProperty("code").GetString()).Should().Equal("create", "update", "read", "search-type");
        appointment.GetProperty("searchParam").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("patient", "date", "_count", "_page");
    }
}
