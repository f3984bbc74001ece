using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Agenda;

[Collection(AgendaCollection.Name)]
public sealed class AgendaWriteTests(HealthSpaceFixture fixture)
{
    private const string Rpps = "10003456789";

    private DateTimeOffset Now => fixture.App.Clock.GetUtcNow();

    [Fact]
    public async Task The_patient_adds_entries_and_sending_the_same_external_id_again_updates_instead_of_duplicating()
    {
        var person = await fixture.OpenSpaceAsync();
        var me = fixture.App.PatientClient(person);
        var start = Now.AddDays(10);

        var plain = await me.PostAgendaAsync(new { title = "Dentist", start = AgendaSamples.Instant(start) });
        var first = await me.PostAgendaAsync(new { title = "Physiotherapy", start = AgendaSamples.Instant(start.AddDays(1)), externalId = "my-1" });
        var again = await me.PostAgendaAsync(new { title = "Physiotherapy, room 4", start = AgendaSamples.Instant(start.AddDays(1)), externalId = "my-1", kind = "hospitalisation" });

        plain.StatusCode.Should().Be(HttpStatusCode.Created);
        var generated = await plain.ReadAsAsync<AgendaEntry>();
        generated.ExternalId.Should().Be(generated.Id, "the patient may omit externalId: one is made");
        plain.Headers.Location!.ToString().Should().Be($"/api/v1/me/agenda/{generated.Id}");
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var created = await first.ReadAsAsync<AgendaEntry>();
        var updated = await again.ReadAsAsync<AgendaEntry>();
        updated.Id.Should().Be(created.Id);
        (updated.Title, updated.Kind, updated.Version, updated.Source).Should().Be(("Physiotherapy, room 4", AgendaKind.Hospitalisation, 2, "patient"));
        (await me.AgendaAsync()).Entries.Select(e => e.Title).Should().Equal("Dentist", "Physiotherapy, room 4");
    }

    [Fact]
    public async Task An_app_creates_by_fhir_and_a_re_post_with_the_same_identifier_updates_the_same_entry()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, "agenda-app", "agenda.write");
        var app = fixture.App.ClientFor("app", "agenda-app");
        var start = Now.AddDays(20);

        var created = await app.PostFhirAsync(AgendaSamples.Appointment(person, "booking-42", start, start.AddHours(1)));
        var resent = await app.PostFhirAsync(AgendaSamples.Appointment(person, "booking-42", start, start.AddHours(1)));
        var moved = await app.PostFhirAsync(AgendaSamples.Appointment(person, "booking-42", start.AddDays(1), start.AddDays(3), title: "Knee surgery", kind: "IMP"));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var body = await created.FhirBodyAsync();
        var id = body.GetProperty("id").GetString()!;
        created.Headers.Location!.ToString().Should().Be($"http://localhost/fhir/Appointment/{id}/_history/1");
        body.GetProperty("meta").GetProperty("source").GetString().Should().Be("urn:mes:agenda-source:app:agenda-app");
        resent.StatusCode.Should().Be(HttpStatusCode.OK);
        (await resent.FhirBodyAsync()).GetProperty("meta").GetProperty("versionId").GetString().Should().Be("1", "an identical resend changes nothing");
        moved.StatusCode.Should().Be(HttpStatusCode.OK);
        var movedBody = await moved.FhirBodyAsync();
        (movedBody.GetProperty("id").GetString(), movedBody.GetProperty("meta").GetProperty("versionId").GetString()).Should().Be((id, "2"));
        var entry = (await fixture.App.PatientClient(person).AgendaAsync()).Entries.Should().ContainSingle().Subject;
        (entry.Id, entry.Title, entry.Kind, entry.Start, entry.End, entry.Source).Should().Be(
            (id, "Knee surgery", AgendaKind.Hospitalisation, start.AddDays(1), start.AddDays(3), "app:agenda-app"));
    }

    [Fact]
    public async Task A_professional_creates_updates_by_put_and_cancels_with_status_cancelled()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);
        var start = Now.AddDays(5);

        var created = await doctor.PostFhirAsync(AgendaSamples.Appointment(person, "rdv-1", start, rpps: Rpps, practitioner: "Dr Martin", location: "Clinique du Parc"));
        var id = (await created.FhirBodyAsync()).GetProperty("id").GetString()!;
        var put = await doctor.PutFhirAsync(id, AgendaSamples.Appointment(person, "rdv-1", start.AddHours(2), rpps: Rpps, practitioner: "Dr Martin", location: "Clinique du Parc"));
        var cancelled = await doctor.PostFhirAsync(AgendaSamples.Appointment(person, "rdv-1", start.AddHours(2), status: "cancelled", rpps: Rpps, practitioner: "Dr Martin"));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await put.FhirBodyAsync()).GetProperty("start").GetString().Should().Be(AgendaSamples.Instant(start.AddHours(2)));
        cancelled.StatusCode.Should().Be(HttpStatusCode.OK);
        (await cancelled.FhirBodyAsync()).GetProperty("status").GetString().Should().Be("cancelled");
        var entry = (await fixture.App.PatientClient(person).AgendaAsync()).Entries.Should().ContainSingle().Subject;
        (entry.Id, entry.Status, entry.Start, entry.PractitionerRpps, entry.PractitionerName, entry.Location, entry.Version, entry.Source).Should().Be(
            (id, AgendaStatus.Cancelled, start.AddHours(2), Rpps, "Dr Martin", null, 3, $"rpps:{Rpps}"));
    }

    [Fact]
    public async Task The_patient_updates_and_cancels_their_own_entry_which_stays_listed_as_cancelled()
    {
        var person = await fixture.OpenSpaceAsync();
        var me = fixture.App.PatientClient(person);
        var start = Now.AddDays(3);
        var entry = await (await me.PostAgendaAsync(new { title = "Eye test", start = AgendaSamples.Instant(start) })).ReadAsAsync<AgendaEntry>();

        var put = await me.PutAsJsonAsync($"/api/v1/me/agenda/{entry.Id}", new { title = "Eye test (ophthalmologist)", start = AgendaSamples.Instant(start), location = "Rue de la Paix" });
        var deleted = await me.DeleteAsync($"/api/v1/me/agenda/{entry.Id}");

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await put.ReadAsAsync<AgendaEntry>()).Location.Should().Be("Rue de la Paix");
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        var listed = (await me.AgendaAsync()).Entries.Should().ContainSingle().Subject;
        (listed.Title, listed.Status, listed.Version).Should().Be(("Eye test (ophthalmologist)", AgendaStatus.Cancelled, 3));
        (await me.GetAsync("/api/v1/me/agenda/0123456789abcdef0123456789abcdef")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sources_sharing_an_external_id_get_separate_entries_and_none_may_change_another_sources_entry()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, "agenda-app", "agenda.write");
        var app = fixture.App.ClientFor("app", "agenda-app");
        var doctor = fixture.App.ProfessionalClient(Rpps);
        var me = fixture.App.PatientClient(person);
        var start = Now.AddDays(7);
        var appEntry = (await (await app.PostFhirAsync(AgendaSamples.Appointment(person, "same-1", start))).FhirBodyAsync()).GetProperty("id").GetString()!;
        (await doctor.PostFhirAsync(AgendaSamples.Appointment(person, "same-1", start, title: "Doctor's own"))).StatusCode.Should().Be(HttpStatusCode.Created);

        var doctorPut = await doctor.PutFhirAsync(appEntry, AgendaSamples.Appointment(person, "same-1", start, title: "Hijacked"));
        var patientCancel = await me.DeleteAsync($"/api/v1/me/agenda/{appEntry}");
        var patientPut = await me.PutAsJsonAsync($"/api/v1/me/agenda/{appEntry}", new { title = "Hijacked", start = AgendaSamples.Instant(start) });

        doctorPut.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        patientCancel.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        patientPut.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await me.AgendaAsync()).Entries.Select(e => (e.Source, e.Title, e.Status)).Should().BeEquivalentTo(new[]
        {
            ("app:agenda-app", "Cardiology consultation", AgendaStatus.Booked),
            ($"rpps:{Rpps}", "Doctor's own", AgendaStatus.Booked),
        });
    }

    [Fact]
    public async Task Fhir_search_by_date_lists_a_persons_appointments_soonest_first_by_pages()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);
        var day = new DateTimeOffset(Now.Date, TimeSpan.Zero).AddDays(30);
        foreach (var (id, offset) in new[] { ("c", 3), ("a", 1), ("b", 2), ("far", 200) })
        {
            (await doctor.PostFhirAsync(AgendaSamples.Appointment(person, id, day.AddDays(offset), title: id))).EnsureSuccessStatusCode();
        }

        var query = $"/fhir/Appointment?patient={person.Value}&date=ge{day:yyyy-MM-dd}&date=lt{day.AddDays(100):yyyy-MM-dd}&_count=2";
        var first = await (await doctor.GetAsync(query)).FhirBodyAsync();
        var next = first.GetProperty("link").EnumerateArray().Single(l => l.GetProperty("relation").GetString() == "next").GetProperty("url").GetString()!;
        var second = await (await doctor.GetAsync(next)).FhirBodyAsync();

        Titles(first).Should().Equal("a", "b");
        Titles(second).Should().Equal("c");
        second.GetProperty("link").EnumerateArray().Should().ContainSingle(l => l.GetProperty("relation").GetString() == "self");
    }

    [Fact]
    public async Task Entries_and_the_prevention_setting_are_read_back_from_storage_after_deactivation()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Rpps);
        var me = fixture.App.PatientClient(person);
        var start = Now.AddDays(12);
        (await doctor.PostFhirAsync(AgendaSamples.Appointment(person, "kept-1", start, start.AddDays(2), kind: "IMP", rpps: Rpps, practitioner: "Dr Martin", location: "CHU"))).EnsureSuccessStatusCode();
        (await me.PutAsJsonAsync("/api/v1/me/agenda/prevention", new { enabled = false })).EnsureSuccessStatusCode();
        var before = await me.AgendaAsync();

        await fixture.App.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = await me.AgendaAsync();

        after.Entries.Should().Equal(before.Entries);
        (after.PreventionEnabled, after.Entries[0].ExternalSystem, after.Entries[0].Kind).Should().Be((false, AgendaSamples.BookingSystem, AgendaKind.Hospitalisation));
    }

    private static IEnumerable<string> Titles(System.Text.Json.JsonElement bundle) =>
        bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("description").GetString()!);
}
