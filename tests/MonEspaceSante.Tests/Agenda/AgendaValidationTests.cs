using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Agenda;

[Collection(AgendaCollection.Name)]
public sealed class AgendaValidationTests(HealthSpaceFixture fixture)
{
    private const string Rpps = "10003456780";

    private DateTimeOffset Now => fixture.App.Clock.GetUtcNow();

    [Fact]
    public async Task End_before_start_is_refused_on_both_apis_naming_the_field_and_nothing_is_stored()
    {
        var person = await fixture.OpenSpaceAsync();
        var start = Now.AddDays(4);

        var json = await fixture.App.PatientClient(person).PostAgendaAsync(new { title = "Scan", start = AgendaSamples.Instant(start), end = AgendaSamples.Instant(start.AddHours(-1)) });
        var fhir = await fixture.App.ProfessionalClient(Rpps).PostFhirAsync(AgendaSamples.Appointment(person, "x-1", start, start.AddMinutes(-30)));

        json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var problem = JsonDocument.Parse(await json.Content.ReadAsStringAsync()))
        {
            problem.RootElement.GetProperty("detail").GetString().Should().Be("end: is before start");
            problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal("end");
        }

        fhir.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var issue = (await fhir.FhirBodyAsync()).GetProperty("issue")[0];
        issue.GetProperty("expression")[0].GetString().Should().Be("Appointment.end");
        issue.GetProperty("diagnostics").GetString().Should().Be("Appointment.end: is before start");
        (await StoredAgendaRowsAsync(person)).Should().Be(0);
        (await Agenda(person).ExportAgendaAsync(Holder(person))).Should().BeEmpty();
    }

    [Fact]
    public async Task Invalid_json_entries_are_refused_naming_the_field()
    {
        var person = await fixture.OpenSpaceAsync();
        var me = fixture.App.PatientClient(person);
        var start = AgendaSamples.Instant(Now.AddDays(2));
        var cases = new (object Body, string Field)[]
        {
            (new { title = "No start" }, "start"),
            (new { title = new string('x', 201), start }, "title"),
            (new { title = "   ", start }, "title"),
            (new { title = "Unknown status", start, status = "maybe" }, "status"),
            (new { title = "Unknown kind", start, kind = "teleconsultation" }, "kind"),
            (new { title = "Far away", start = AgendaSamples.Instant(Now.AddYears(11)) }, "start"),
            (new { title = "Long ago", start = AgendaSamples.Instant(Now.AddYears(-11)) }, "start"),
            (new { title = "A year and more", start, end = AgendaSamples.Instant(Now.AddDays(2).AddDays(400)) }, "end"),
            (new { title = "No zone", start = "2026-03-02T09:30:00" }, "start"),
            (new { title = "Bad RPPS", start, practitionerRpps = "123" }, "practitionerRpps"),
        };

        foreach (var (body, field) in cases)
        {
            var response = await me.PostAgendaAsync(body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{field} is wrong in {JsonSerializer.Serialize(body)[..Math.Min(60, JsonSerializer.Serialize(body).Length)]}");
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal(field);
        }

        (await StoredAgendaRowsAsync(person)).Should().Be(0);
    }

    [Fact]
    public async Task Invalid_fhir_appointments_are_refused_naming_the_element()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);
        var start = Now.AddDays(2);
        Dictionary<string, object?> With(string key, object? value)
        {
            var appointment = AgendaSamples.Appointment(person, "v-1", start);
            appointment[key] = value;
            return appointment;
        }

        var cases = new (HttpContent Body, string Expression)[]
        {
            (new StringContent("{ not json", MediaTypeHeaderValue.Parse("application/fhir+json")), "Appointment"),
            (AgendaSamples.FhirContent(new { resourceType = "Patient" }), "resourceType"),
            (AgendaSamples.FhirContent(With("status", "arrived")), "Appointment.status"),
            (AgendaSamples.FhirContent(With("status", "maybe")), "Appointment.status"),
            (AgendaSamples.FhirContent(With("start", null)), "Appointment.start"),
            (AgendaSamples.FhirContent(With("start", AgendaSamples.Instant(Now.AddYears(12)))), "Appointment.start"),
            (AgendaSamples.FhirContent(With("identifier", null)), "Appointment.identifier"),
            (AgendaSamples.FhirContent(With("description", new string('x', 201))), "Appointment.description"),
            (AgendaSamples.FhirContent(With("serviceCategory", new[] { new { coding = new[] { new { system = "http://terminology.hl7.org/CodeSystem/v3-ActCode", code = "EMER" } } } })), "Appointment.serviceCategory"),
            (AgendaSamples.FhirContent(With("participant", new[] { new { actor = new { display = "Someone" }, status = "accepted" } })), "Appointment.participant"),
        };

        foreach (var (body, expression) in cases)
        {
            var response = await doctor.PostAsync("/fhir/Appointment", body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{expression} is wrong");
            var outcome = await response.FhirBodyAsync();
            outcome.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
            outcome.GetProperty("issue")[0].GetProperty("expression")[0].GetString().Should().Be(expression);
        }

        (await StoredAgendaRowsAsync(person)).Should().Be(0);
    }

    [Fact]
    public async Task A_write_to_a_space_that_is_not_open_is_a_conflict()
    {
        var person = TestIns.Next();

        var response = await fixture.App.PatientClient(person).PostAgendaAsync(new { title = "Dentist", start = AgendaSamples.Instant(Now.AddDays(1)) });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Export_returns_every_entry_cancelled_ones_included_and_only_to_the_holder_side()
    {
        var person = await fixture.OpenSpaceAsync();
        var me = fixture.App.PatientClient(person);
        var past = await (await me.PostAgendaAsync(new { title = "Past", start = AgendaSamples.Instant(Now.AddDays(-30)) })).ReadAsAsync<AgendaEntry>();
        var next = await (await me.PostAgendaAsync(new { title = "Next", start = AgendaSamples.Instant(Now.AddDays(30)) })).ReadAsAsync<AgendaEntry>();
        (await me.DeleteAsync($"/api/v1/me/agenda/{next.Id}")).EnsureSuccessStatusCode();

        var exported = await Agenda(person).ExportAgendaAsync(Holder(person));
        var byProfessional = () => Agenda(person).ExportAgendaAsync(new Accessor(AccessorRole.Professional, Rpps, "api", "10"));

        exported.Select(e => (e.Id, e.Status)).Should().Equal((past.Id, AgendaStatus.Booked), (next.Id, AgendaStatus.Cancelled));
        (await me.AgendaAsync("past")).Entries.Select(e => e.Id).Should().Equal(past.Id);
        (await me.AgendaAsync("upcoming")).Entries.Select(e => e.Id).Should().Equal(next.Id);
        var fhir = MonEspaceSante.Api.Agenda.AppointmentMapping.ToFhir(person, exported[1]);
        (fhir.Id, fhir.Status, fhir.Description, fhir.Participant[0].Actor!.Reference).Should().Be(
            (next.Id, Hl7.Fhir.Model.Appointment.AppointmentStatus.Cancelled, "Next", $"Patient/{person.Value}"));
        await byProfessional.Should().ThrowAsync<MonEspaceSante.Interfaces.Errors.AccessDeniedException>();
    }

    private IPatientAgendaGrain Agenda(Ins person) => fixture.App.Grains.GetGrain<IPatientAgendaGrain>(PatientKey.From(person));

    private static Accessor Holder(Ins person) => new(AccessorRole.Patient, person.Value, "api");

    private Task<long> StoredAgendaRowsAsync(Ins person) =>
        fixture.CountAsync("SELECT count(*) FROM mes_grain_state WHERE state_name = 'patient.agenda' AND grain_id = @key", ("key", $"patient/{PatientKey.From(person)}"));
}
