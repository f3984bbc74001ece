using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Documents;

[Collection(DocumentsCollection.Name)]
public sealed class DocumentDepositTests(DocumentsFixture fixture)
{
    [Fact]
    public async Task A_professional_deposits_a_document_inline_and_everyone_allowed_reads_back_the_same_bytes()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = DocumentSamples.Pdf();
        var physician = fixture.App.ProfessionalClient(DocumentsFixture.Physician);

        using var created = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, content, classCode: "10", typeCode: "11488-4")));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var reference = await DocumentsFixture.FhirAsync(created);
        var id = reference["id"]!.GetValue<string>();
        created.Headers.Location!.ToString().Should().Be($"http://localhost/fhir/DocumentReference/{id}/_history/1");
        Guid.TryParse(id, out _).Should().BeTrue("document ids are unguessable");
        reference["status"]!.GetValue<string>().Should().Be("current");
        reference["category"]![0]!["coding"]![0]!["code"]!.GetValue<string>().Should().Be("10");
        reference["type"]!["coding"]![0]!["code"]!.GetValue<string>().Should().Be("11488-4");
        reference["subject"]!["identifier"]!["value"]!.GetValue<string>().Should().Be(person.Value);
        reference["author"]![0]!["identifier"]!["value"]!.GetValue<string>().Should().Be(DocumentsFixture.Physician);
        reference["content"]![0]!["attachment"]!["url"]!.GetValue<string>().Should().Be($"Binary/{id}");
        reference["context"]!["period"]!["start"]!.GetValue<string>().Should().StartWith("2025-12-01");

        using var read = await physician.GetAsync($"/fhir/DocumentReference/{id}");
        (await DocumentsFixture.FhirAsync(read))["id"]!.GetValue<string>().Should().Be(id);
        using var binary = await physician.GetAsync($"/fhir/Binary/{id}");
        binary.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        binary.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment", "a download, never run inline on this origin");
        binary.Content.Headers.ContentDisposition.FileName.Should().Be($"document-{id}.pdf");
        (await binary.Content.ReadAsByteArrayAsync()).Should().Equal(content);
        using var holderContent = await fixture.App.PatientClient(person).GetAsync($"/api/v1/me/documents/{id}/content");
        (await holderContent.Content.ReadAsByteArrayAsync()).Should().Equal(content);
        var view = await (await fixture.App.PatientClient(person).GetAsync($"/api/v1/me/documents/{id}")).ReadAsAsync<DocumentView>();
        view.Should().BeEquivalentTo(new
        {
            Id = id, ClassCode = "10", TypeCode = "11488-4", AuthorRole = AccessorRole.Professional, AuthorId = DocumentsFixture.Physician,
            Status = DocumentStatus.Current, MediaType = "application/pdf", Size = (long)content.Length, Title = "Compte rendu de consultation",
        });
    }

    [Fact]
    public async Task A_professional_deposits_through_a_binary_created_first_that_nobody_else_may_use()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = DocumentSamples.Png();
        var physician = fixture.App.ProfessionalClient(DocumentsFixture.Physician);
        var upload = new ByteArrayContent(content);
        upload.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        using var staged = await physician.PostAsync("/fhir/Binary", upload);
        staged.StatusCode.Should().Be(HttpStatusCode.Created);
        var binaryId = (await DocumentsFixture.FhirAsync(staged))["id"]!.GetValue<string>();
        using var stolen = await fixture.App.ProfessionalClient("10000000002").PostAsync("/fhir/DocumentReference",
            DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, classCode: "31", typeCode: "18748-4", contentType: "image/png", binaryId: binaryId)));
        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, classCode: "31", typeCode: "18748-4", contentType: "image/png", binaryId: binaryId), physician);

        stolen.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DocumentSamples.OutcomeExpressionAsync(stolen)).Should().Be("DocumentReference.content[0].attachment.url");
        using var binary = await physician.GetAsync($"/fhir/Binary/{id}");
        binary.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await binary.Content.ReadAsByteArrayAsync()).Should().Equal(content);
        using var asResource = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Binary/{id}");
        asResource.Headers.Accept.ParseAdd("application/fhir+json");
        using var resource = await physician.SendAsync(asResource);
        Convert.FromBase64String((await DocumentsFixture.FhirAsync(resource))["data"]!.GetValue<string>()).Should().Equal(content);
        (await fixture.HoldingsAsync(person)).Should().Be((1, 1L));
    }

    [Fact]
    public async Task A_professional_deposits_a_document_of_the_full_20_MB_through_a_binary()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = new byte[DocumentRules.DepositorMaxBytes];
        DocumentSamples.Pdf().CopyTo(content, 0);
        var physician = fixture.App.ProfessionalClient(DocumentsFixture.Physician);
        var upload = new ByteArrayContent(content);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var staged = await physician.PostAsync("/fhir/Binary", upload);
        var binaryId = (await DocumentsFixture.FhirAsync(staged))["id"]!.GetValue<string>();

        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, binaryId: binaryId), physician);

        (await (await physician.GetAsync($"/fhir/Binary/{id}")).Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(content).Should().BeTrue();
        (await fixture.ContentRowsAsync(content)).Should().Be(1);
    }

    [Fact]
    public async Task The_patient_uploads_a_document_from_a_multipart_form()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = Encoding.UTF8.GetBytes("Tension 12/8 le matin, 13/8 le soir. " + Guid.NewGuid());
        var holder = fixture.App.PatientClient(person);

        using var created = await DocumentsFixture.UploadAsync(holder, content, "text/plain", "tension.txt",
            ("classCode", "90"), ("title", "Relevé de tension"), ("date", "2025-11-20"));

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var view = await created.ReadAsAsync<DocumentView>();
        created.Headers.Location!.ToString().Should().Be($"/api/v1/me/documents/{view.Id}");
        view.Should().BeEquivalentTo(new
        {
            ClassCode = "90", Title = "Relevé de tension", ServiceDate = new DateTimeOffset(2025, 11, 20, 0, 0, 0, TimeSpan.Zero),
            DepositedAt = PostgresClusterFixture.Start, AuthorRole = AccessorRole.Patient, AuthorId = person.Value, MediaType = "text/plain",
            Size = (long)content.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), Labels = Array.Empty<string>(),
        });
        using var read = await holder.GetAsync($"/api/v1/me/documents/{view.Id}/content");
        read.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await read.Content.ReadAsByteArrayAsync()).Should().Equal(content);
        (await fixture.HistoryLinesAsync(person, person.Value)).Should().Be(0, "the holder's own reads are not in their access history");
    }

    [Fact]
    public async Task An_operator_deposits_an_insurer_document_over_fhir_and_reads_nothing_back()
    {
        var person = await fixture.OpenSpaceAsync();
        var insurer = fixture.App.ClientFor("operator", "cnam-op-7");

        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, classCode: "60", typeCode: null, title: "Remboursements 2025"), insurer);

        var view = await (await fixture.App.PatientClient(person).GetAsync($"/api/v1/me/documents/{id}")).ReadAsAsync<DocumentView>();
        view.Should().BeEquivalentTo(new { ClassCode = "60", AuthorRole = AccessorRole.Operator, AuthorId = "cnam-op-7" });
        (await insurer.GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await insurer.GetAsync($"/fhir/Binary/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.HistoryLinesAsync(person, "cnam-op-7")).Should().Be(1, "its deposit is in the access history");
    }

    [Fact]
    public async Task The_same_content_deposited_twice_is_stored_once()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = DocumentSamples.Pdf();

        var first = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, content, title: "Original"));
        var second = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, content, title: "Copie"), fixture.App.ProfessionalClient("10000000003"));

        second.Should().NotBe(first);
        (await fixture.ContentRowsAsync(content)).Should().Be(1);
        (await fixture.HoldingsAsync(person)).Should().Be((2, 2L));
    }

    [Fact]
    public async Task A_resend_with_the_same_master_identifier_or_idempotency_key_by_the_same_author_returns_the_existing_document()
    {
        var person = await fixture.OpenSpaceAsync();
        var physician = fixture.App.ProfessionalClient(DocumentsFixture.Physician);
        var reference = DocumentSamples.Reference(person.Value, masterIdentifier: "urn:oid:1.2.3.4.5." + Random.Shared.Next());

        using var first = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(reference));
        using var again = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(reference));
        var holder = fixture.App.PatientClient(person);
        holder.DefaultRequestHeaders.Add("Idempotency-Key", "upload-1");
        var scan = DocumentSamples.Pdf();
        using var upload = await DocumentsFixture.UploadAsync(holder, scan, "application/pdf");
        using var uploadAgain = await DocumentsFixture.UploadAsync(holder, scan, "application/pdf");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        upload.StatusCode.Should().Be(HttpStatusCode.Created);
        uploadAgain.StatusCode.Should().Be(HttpStatusCode.OK);
        (await uploadAgain.ReadAsAsync<DocumentView>()).Id.Should().Be((await upload.ReadAsAsync<DocumentView>()).Id);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await DocumentsFixture.FhirAsync(again))["id"]!.GetValue<string>().Should().Be((await DocumentsFixture.FhirAsync(first))["id"]!.GetValue<string>());
        (await fixture.HoldingsAsync(person)).Should().Be((2, 2L));
    }

    [Fact]
    public async Task An_app_with_documents_write_deposits_over_fhir_as_its_own_author()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, "docs-app", "documents.write");

        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, classCode: "90", typeCode: null), fixture.App.ClientFor("app", "docs-app"));

        var view = await (await fixture.App.PatientClient(person).GetAsync($"/api/v1/me/documents/{id}")).ReadAsAsync<DocumentView>();
        (view.AuthorRole, view.AuthorId).Should().Be((AccessorRole.App, "docs-app"));
    }
}
