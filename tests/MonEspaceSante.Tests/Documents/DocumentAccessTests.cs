using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Documents;

[Collection(DocumentsCollection.Name)]
public sealed class DocumentAccessTests(DocumentsFixture fixture)
{
    private const string Professional = "10000000031";

    [Fact]
    public async Task The_holder_reads_their_documents_and_another_patient_is_refused_everywhere()
    {
        var person = await fixture.OpenSpaceAsync();
        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value));
        var stranger = TestIns.Next();
        var acting = fixture.App.RepresentativeClient(stranger, person);

        (await fixture.App.PatientClient(person).GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.App.PatientClient(stranger).GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.App.PatientClient(stranger).GetAsync($"/fhir/Binary/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.App.PatientClient(stranger).GetAsync($"/fhir/DocumentReference?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await acting.GetAsync("/api/v1/me/documents")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a stranger does not represent this person");
        (await acting.DeleteAsync($"/api/v1/me/documents/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DocumentsFixture.UploadAsync(acting, DocumentSamples.Pdf(), "application/pdf")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.HoldingsAsync(person)).Should().Be((1, 1L));
    }

    [Fact]
    public async Task A_professional_blocked_by_the_holder_is_refused_from_the_next_request_and_reads_by_others_are_recorded()
    {
        var person = await fixture.OpenSpaceAsync();
        var professional = fixture.App.ProfessionalClient(Professional);
        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, classCode: "11", typeCode: "34133-9", title: "Synthèse confidentielle"), professional);
        (await professional.GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await fixture.App.PatientClient(person).PutAsync($"/api/v1/me/controls/blocked-professionals/{Professional}", null)).EnsureSuccessStatusCode();

        (await professional.GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await professional.GetAsync($"/fhir/Binary/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await professional.GetAsync($"/fhir/DocumentReference?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await professional.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value)))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await professional.DeleteAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var resources = await ResourcesAsync(person, Professional);
        resources.Should().Equal("document deposit (class 11)", $"document {id} (class 11)");
    }

    [Fact]
    public async Task Break_glass_reaches_the_documents_unless_the_patient_refused_it()
    {
        var person = await fixture.OpenSpaceAsync();
        var report = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, classCode: "10"));
        var nurseInBreakGlass = fixture.App.ProfessionalClient("60000000031", profession: "60", mode: "break-glass");
        var pharmacistInBreakGlass = fixture.App.ProfessionalClient("20000000031", profession: "21", mode: "break-glass");

        (await pharmacistInBreakGlass.GetAsync($"/fhir/DocumentReference/{report}")).StatusCode.Should().Be(HttpStatusCode.OK, "break-glass sees every class");
        (await fixture.App.PatientClient(person).PutAsJsonAsync("/api/v1/me/controls/break-glass", new { allowed = false })).EnsureSuccessStatusCode();

        (await nurseInBreakGlass.GetAsync($"/fhir/DocumentReference/{report}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await pharmacistInBreakGlass.GetAsync($"/fhir/DocumentReference?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.App.ProfessionalClient("60000000031", profession: "60").GetAsync($"/fhir/DocumentReference/{report}")).StatusCode.Should().Be(HttpStatusCode.OK, "standard access is not refused");
        (await fixture.CountAsync("SELECT count(*) FROM mes_access_history WHERE ins = @ins AND actor_id = '20000000031' AND how = 'fhir, break-glass'", ("ins", person.Value))).Should().Be(1);
    }

    [Fact]
    public async Task An_app_reads_under_documents_read_only_and_loses_access_on_its_very_next_request_after_revocation()
    {
        var person = await fixture.OpenSpaceAsync();
        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value));
        await fixture.ConnectAsync(person, "reader-app", "documents.read");
        await fixture.ConnectAsync(person, "docs-app", "documents.write");
        var reader = fixture.App.ClientFor("app", "reader-app");
        var writerOnly = fixture.App.ClientFor("app", "docs-app");

        (await DocumentsFixture.FhirSearchAsync(reader, $"patient={person.Value}")).Total.Should().Be(1);
        (await reader.GetAsync($"/fhir/Binary/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reader.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, classCode: "90")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await writerOnly.GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.App.ClientFor("app", "other").GetAsync($"/fhir/DocumentReference?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync("/api/v1/me/documents")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the JSON space is the holder's");

        (await fixture.App.PatientClient(person).DeleteAsync("/api/v1/me/consents/reader-app")).EnsureSuccessStatusCode();

        (await reader.GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync($"/fhir/DocumentReference?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_operator_reads_nothing_and_an_anonymous_caller_is_asked_to_authenticate()
    {
        var person = await fixture.OpenSpaceAsync();
        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value));
        var operatorClient = fixture.App.ClientFor("operator", "op-9");
        var anonymous = fixture.App.CreateClient();

        (await operatorClient.GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await operatorClient.GetAsync($"/fhir/DocumentReference?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await operatorClient.GetAsync("/api/v1/me/documents")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        foreach (var path in new[] { $"/fhir/DocumentReference/{id}", $"/fhir/Binary/{id}", $"/fhir/DocumentReference?patient={person.Value}", "/api/v1/me/documents", $"/api/v1/me/documents/{id}/content" })
        {
            (await anonymous.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, path);
        }

        (await anonymous.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await fixture.App.ProfessionalClient(Professional).GetAsync($"/fhir/DocumentReference/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_closed_space_takes_no_deposit_from_its_holder()
    {
        var person = await fixture.OpenSpaceAsync();
        (await fixture.App.PatientClient(person).PostAsync("/api/v1/me/closure", null)).EnsureSuccessStatusCode();

        using var response = await DocumentsFixture.UploadAsync(fixture.App.PatientClient(person), DocumentSamples.Pdf(), "application/pdf");

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_capability_statement_and_the_openapi_document_list_the_document_endpoints()
    {
        using var metadata = await fixture.App.CreateClient().GetAsync("/fhir/metadata");
        var openApi = await fixture.App.CreateClient().GetStringAsync("/openapi/v1.json");

        var resources = (await DocumentsFixture.FhirAsync(metadata))["rest"]![0]!["resource"]!.AsArray();
        var documents = resources.Single(r => r!["type"]!.GetValue<string>() == "DocumentReference")!;
        documents["interaction"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).Should().Equal("create", "read", "delete", "search-type");
        documents["searchParam"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Equal("patient", "category", "type", "date", "_count");
        resources.Should().ContainSingle(r => r!["type"]!.GetValue<string>() == "Binary");
        openApi.Should().Contain("/api/v1/me/documents/{id}/content").And.Contain("/fhir/DocumentReference/{id}/$reveal").And.Contain("/fhir/Binary");
    }

    private async Task<IReadOnlyList<string>> ResourcesAsync(Interfaces.Identity.Ins person, string actor)
    {
        var history = await fixture.App.PatientClient(person).GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);
        return [.. history!.Records.Where(r => r.ActorId == actor).Reverse().Select(r => r.Resource)];
    }
}
