using System.Net;
using System.Text.Json;
using MonEspaceSante.Tests.Agenda;
using MonEspaceSante.Tests.Documents;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>
/// Conditional creates of documents and appointments (<c>If-None-Exist: identifier=…</c>): no match creates (201),
/// one match is the answer, unchanged (200), several are a 412; a condition that is not on the resource's own
/// identifier is refused rather than ignored.
/// </summary>
[Collection(HealthSpaceCollection.Name)]
public sealed class FhirConditionalCreateTests(HealthSpaceFixture fixture)
{
    [Fact]
    public async Task A_document_is_deposited_once_under_its_identifier_and_two_matches_are_a_412()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(MatrixSpace.Doctor);
        var colleague = fixture.App.ProfessionalClient("10000000004");
        var identifier = "urn:uuid:" + Guid.NewGuid();

        var first = await PostAsync(doctor, "/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, masterIdentifier: identifier)), $"identifier={identifier}");
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var found = await PostAsync(colleague, "/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, masterIdentifier: identifier)), $"identifier={identifier}");
        found.StatusCode.Should().Be(HttpStatusCode.OK, "the colleague's condition finds the document the doctor deposited");
        found.Headers.Location.Should().Be(first.Headers.Location);

        // Without a condition the colleague deposits their own under the same identifier: now two documents carry it.
        (await colleague.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, masterIdentifier: identifier))))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var several = await PostAsync(doctor, "/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, masterIdentifier: identifier)), $"identifier={identifier}");
        several.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await several.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.Contain("2 documents");

        var other = await PostAsync(doctor, "/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, masterIdentifier: identifier)), "identifier=another");
        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var search = await fixture.App.PatientClient(person).GetStringAsync($"/fhir/DocumentReference?patient={person.Value}");
        JsonDocument.Parse(search).RootElement.GetProperty("total").GetInt32().Should().Be(2, "the conditional creates that matched created nothing");
    }

    [Fact]
    public async Task An_appointment_sent_again_on_condition_is_the_answer_unchanged()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(MatrixSpace.Doctor);
        var externalId = Guid.NewGuid().ToString("N");
        var start = fixture.App.Clock.GetUtcNow().AddDays(5);
        var condition = $"identifier={AgendaSamples.BookingSystem}|{externalId}";

        var created = await PostAsync(doctor, "/fhir/Appointment", AgendaSamples.FhirContent(AgendaSamples.Appointment(person, externalId, start, title: "Premier")), condition);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var again = await PostAsync(doctor, "/fhir/Appointment", AgendaSamples.FhirContent(AgendaSamples.Appointment(person, externalId, start, title: "Second")), condition);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await again.FhirBodyAsync();
        body.GetProperty("description").GetString().Should().Be("Premier", "a conditional create does not update what it finds");
        body.GetProperty("meta").GetProperty("versionId").GetString().Should().Be("1");

        // Without the condition, a resend with the same identifier updates, as before.
        var updated = await doctor.PostFhirAsync(AgendaSamples.Appointment(person, externalId, start, title: "Second"));
        (await updated.FhirBodyAsync()).GetProperty("description").GetString().Should().Be("Second");
        (await PostAsync(doctor, "/fhir/Appointment", AgendaSamples.FhirContent(AgendaSamples.Appointment(person, externalId, start)), "identifier=urn:other|x"))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, HttpContent content, string condition)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("If-None-Exist", condition);
        return client.SendAsync(request);
    }
}
