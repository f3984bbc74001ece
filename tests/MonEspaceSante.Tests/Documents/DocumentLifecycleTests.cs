using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Documents;

[Collection(DocumentsCollection.Name)]
public sealed class DocumentLifecycleTests(DocumentsFixture fixture)
{
    [Fact]
    public async Task A_new_version_supersedes_the_old_one_and_its_author_deletes_it_for_good()
    {
        var person = await fixture.OpenSpaceAsync();
        var physician = fixture.App.ProfessionalClient(DocumentsFixture.Physician);
        var first = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, title: "v1"), physician);

        var second = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, title: "v2", replaces: first), physician);
        using var replacedAgain = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, title: "v2 bis", replaces: first)));
        using var byOther = await fixture.App.ProfessionalClient("10000000009").PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, title: "v3", replaces: second)));

        var old = await DocumentsFixture.FhirAsync(await physician.GetAsync($"/fhir/DocumentReference/{first}"));
        old["status"]!.GetValue<string>().Should().Be("superseded");
        var current = await DocumentsFixture.FhirAsync(await physician.GetAsync($"/fhir/DocumentReference/{second}"));
        current["relatesTo"]![0]!["target"]!["reference"]!.GetValue<string>().Should().Be($"DocumentReference/{first}");
        var holder = fixture.App.PatientClient(person);
        (await (await holder.GetAsync($"/api/v1/me/documents/{first}")).ReadAsAsync<DocumentView>())
            .Should().BeEquivalentTo(new { Status = DocumentStatus.Superseded, SupersededBy = second });
        replacedAgain.StatusCode.Should().Be(HttpStatusCode.Conflict, "only the current version is replaced");
        byOther.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the author deposits a new version");
        (await DocumentsFixture.MyDocumentsAsync(holder)).Documents.Select(d => d.Id).Should().Equal(second);

        (await fixture.App.ProfessionalClient("10000000009").DeleteAsync($"/fhir/DocumentReference/{second}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await physician.DeleteAsync($"/fhir/DocumentReference/{second}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await physician.GetAsync($"/fhir/DocumentReference/{second}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await physician.GetAsync($"/fhir/Binary/{second}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await holder.GetAsync($"/api/v1/me/documents/{second}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await physician.DeleteAsync($"/fhir/DocumentReference/{second}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await DocumentsFixture.MyDocumentsAsync(holder)).Total.Should().Be(0, "the superseded version is not current, the current one is deleted");
        var everyVersion = await fixture.App.Grains.GetGrain<IPatientDocumentsGrain>(PatientKey.From(person))
            .SearchAsync(new Accessor(AccessorRole.Patient, person.Value, "export"), DocumentQuery.All with { IncludeSuperseded = true });
        everyVersion.Documents.Select(d => d.Id).Should().Equal(first);
    }

    [Fact]
    public async Task The_holder_replaces_masks_and_deletes_their_own_documents_from_json()
    {
        var person = await fixture.OpenSpaceAsync();
        var holder = fixture.App.PatientClient(person);
        var original = await (await DocumentsFixture.UploadAsync(holder, DocumentSamples.Pdf(), "application/pdf", "ordonnance.pdf", ("classCode", "42"))).ReadAsAsync<DocumentView>();

        using var replaced = await DocumentsFixture.UploadAsync(holder, DocumentSamples.Pdf(), "application/pdf", "ordonnance-2.pdf", ("classCode", "42"), ("replaces", original.Id));
        var second = await replaced.ReadAsAsync<DocumentView>();
        using var masked = await holder.PutAsJsonAsync($"/api/v1/me/documents/{second.Id}/masked", new { masked = true });

        replaced.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Should().BeEquivalentTo(new { Replaces = original.Id, Title = "ordonnance-2", ClassCode = "42" });
        (await masked.ReadAsAsync<DocumentView>()).Labels.Should().Equal(DocumentLabels.MaskedFromProfessionals);
        (await holder.DeleteAsync($"/api/v1/me/documents/{second.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await holder.GetAsync($"/api/v1/me/documents/{second.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await holder.GetAsync($"/api/v1/me/documents/{second.Id}/content")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await fixture.HoldingsAsync(person)).Should().Be((0, 2L));
    }

    [Fact]
    public async Task The_holder_deletes_a_professionals_document_which_then_disappears_for_its_author_too()
    {
        var person = await fixture.OpenSpaceAsync();
        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value));

        (await fixture.App.PatientClient(person).DeleteAsync($"/api/v1/me/documents/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await fixture.App.ProfessionalClient(DocumentsFixture.Physician).GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Searches_filter_by_class_type_and_date_of_care_and_page_with_exact_totals()
    {
        var person = await fixture.OpenSpaceAsync();
        var grain = fixture.App.Grains.GetGrain<IPatientDocumentsGrain>(PatientKey.From(person));
        var physician = new Accessor(AccessorRole.Professional, DocumentsFixture.Physician, "fhir", "10", DeclaresCare: true);
        var ids = new Dictionary<string, string>();
        foreach (var (name, classCode, type, day) in new[]
        {
            ("consult-jan", "10", "11488-4", 10), ("consult-feb", "10", "11488-4", 40), ("labs-feb", "10", "11502-2", 45),
            ("summary-mar", "11", "34133-9", 70), ("prescription-mar", "42", "57833-6", 75),
        })
        {
            var draft = new DocumentDraft(classCode, type, name, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(day - 1), "application/pdf", [], null, null);
            ids[name] = (await grain.DepositAsync(physician, draft, DocumentSamples.Pdf())).Id;
        }

        var client = fixture.App.ProfessionalClient(DocumentsFixture.Physician);
        var byClass = await DocumentsFixture.FhirSearchAsync(client, $"patient={person.Value}&category=10");
        var byType = await DocumentsFixture.FhirSearchAsync(client, $"patient=Patient/{person.Value}&type=http://loinc.org|11488-4,34133-9");
        var byDate = await DocumentsFixture.FhirSearchAsync(client, $"patient={person.Value}&date=ge2025-02-01&date=le2025-03-11");
        var secondPage = await DocumentsFixture.FhirSearchAsync(client, $"patient={person.Value}&_count=2&_page=2");
        var lastPage = await DocumentsFixture.FhirSearchAsync(client, $"patient={person.Value}&_count=2&_page=3");
        var holder = fixture.App.PatientClient(person);
        var json = await DocumentsFixture.MyDocumentsAsync(holder, "?class=10,11&from=2025-02-01&to=2025-03-11&page=2&pageSize=2");

        byClass.Total.Should().Be(3);
        byClass.Ids.Should().Equal(ids["labs-feb"], ids["consult-feb"], ids["consult-jan"]);
        byType.Ids.Should().Equal(ids["summary-mar"], ids["consult-feb"], ids["consult-jan"]);
        byDate.Ids.Should().Equal(ids["summary-mar"], ids["labs-feb"], ids["consult-feb"]);
        secondPage.Should().BeEquivalentTo((5, new[] { ids["labs-feb"], ids["consult-feb"] }));
        lastPage.Should().BeEquivalentTo((5, new[] { ids["consult-jan"] }));
        json.Should().BeEquivalentTo(new { Total = 3, Page = 2, PageSize = 2, HasNext = false });
        json.Documents.Select(d => d.Title).Should().Equal("consult-feb");
        using var page = await client.GetAsync($"/fhir/DocumentReference?patient={person.Value}&_count=2");
        (await DocumentsFixture.FhirAsync(page))["link"]!.AsArray().Select(l => l!["relation"]!.GetValue<string>()).Should().Equal("self", "next");
    }
}
