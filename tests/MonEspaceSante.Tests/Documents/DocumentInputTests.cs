using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Documents;

namespace MonEspaceSante.Tests.Documents;

/// <summary>Every refused input names its field and changes nothing: no index entry, no locator, no content row.</summary>
[Collection(DocumentsCollection.Name)]
public sealed class DocumentInputTests(DocumentsFixture fixture)
{
    [Fact]
    public async Task A_patient_file_over_5_MB_is_refused_naming_the_file()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = new byte[DocumentRules.HolderMaxBytes + 1];
        DocumentSamples.Pdf().CopyTo(content, 0);

        using var response = await DocumentsFixture.UploadAsync(fixture.App.PatientClient(person), content, "application/pdf");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DocumentSamples.ProblemFieldsAsync(response)).Should().Equal("file");
        await NothingStoredAsync(person, content);
    }

    [Fact]
    public async Task A_binary_over_20_MB_is_refused_before_it_is_kept()
    {
        var content = new byte[DocumentRules.DepositorMaxBytes + 1];
        DocumentSamples.Pdf().CopyTo(content, 0);
        var upload = new ByteArrayContent(content);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var uploads = await fixture.CountAsync("SELECT count(*) FROM mes_document_upload");

        using var response = await fixture.App.ProfessionalClient(DocumentsFixture.Physician).PostAsync("/fhir/Binary", upload);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await DocumentSamples.OutcomeExpressionAsync(response)).Should().Be("Binary");
        (await response.Content.ReadAsStringAsync()).Should().Contain($"{DocumentRules.DepositorMaxBytes:N0}".Replace("\u00A0", ",", StringComparison.Ordinal), "the text says the limit");
        (await fixture.CountAsync("SELECT count(*) FROM mes_document_upload")).Should().Be(uploads);
    }

    [Fact]
    public async Task An_executable_is_refused_whether_declared_as_such_or_disguised_as_text()
    {
        var person = await fixture.OpenSpaceAsync();
        var executable = DocumentSamples.Executable();
        var holder = fixture.App.PatientClient(person);

        using var declared = await DocumentsFixture.UploadAsync(holder, executable, "application/x-msdownload", "setup.exe");
        using var disguised = await DocumentsFixture.UploadAsync(holder, executable, "text/plain", "notes.txt");
        using var overFhir = await fixture.App.ProfessionalClient(DocumentsFixture.Physician).PostAsync("/fhir/DocumentReference",
            DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, executable, contentType: "application/x-msdownload")));

        declared.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DocumentSamples.ProblemFieldsAsync(declared)).Should().Equal("file");
        disguised.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DocumentSamples.ProblemFieldsAsync(disguised)).Should().Equal("file");
        overFhir.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DocumentSamples.OutcomeExpressionAsync(overFhir)).Should().Be("DocumentReference.content[0].attachment.contentType");
        await NothingStoredAsync(person, executable);
    }

    [Fact]
    public async Task A_file_claiming_to_be_a_png_that_is_not_one_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        var notPng = DocumentSamples.Pdf();

        using var uploaded = await DocumentsFixture.UploadAsync(fixture.App.PatientClient(person), notPng, "image/png", "photo.png");
        using var deposited = await fixture.App.ProfessionalClient(DocumentsFixture.Physician).PostAsync("/fhir/DocumentReference",
            DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, notPng, contentType: "image/png")));

        uploaded.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await uploaded.Content.ReadAsStringAsync()).Should().Contain("not a image/png file");
        deposited.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DocumentSamples.OutcomeExpressionAsync(deposited)).Should().Be("DocumentReference.content[0].attachment.data");
        await NothingStoredAsync(person, notPng);
    }

    [Fact]
    public async Task An_unknown_class_code_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = DocumentSamples.Pdf();

        using var uploaded = await DocumentsFixture.UploadAsync(fixture.App.PatientClient(person), content, "application/pdf", fields: [("classCode", "99")]);
        using var deposited = await fixture.App.ProfessionalClient(DocumentsFixture.Physician).PostAsync("/fhir/DocumentReference",
            DocumentSamples.Fhir(DocumentSamples.Reference(person.Value, content, classCode: "99")));
        using var searched = await fixture.App.PatientClient(person).GetAsync("/api/v1/me/documents?class=99");

        uploaded.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DocumentSamples.ProblemFieldsAsync(uploaded)).Should().Equal("classCode");
        deposited.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await DocumentSamples.OutcomeExpressionAsync(deposited)).Should().Be("DocumentReference.category");
        (await DocumentSamples.ProblemFieldsAsync(searched)).Should().Equal("class");
        await NothingStoredAsync(person, content);
    }

    [Fact]
    public async Task Malformed_fhir_json_is_refused_with_an_operation_outcome_naming_the_element()
    {
        var person = await fixture.OpenSpaceAsync();
        var physician = fixture.App.ProfessionalClient(DocumentsFixture.Physician);
        var badStatus = DocumentSamples.Reference(person.Value);
        badStatus["status"] = 12;
        var unknownElement = DocumentSamples.Reference(person.Value);
        unknownElement["colour"] = "blue";
        var badLabel = DocumentSamples.Reference(person.Value, labels: ["SECRET"]);

        using var truncated = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir("""{"resourceType": "DocumentReference", "status": """));
        using var wrongType = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir("""{"resourceType": "Observation", "status": "final", "code": {"text": "x"}}"""));
        using var status = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(badStatus));
        using var unknown = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(unknownElement));
        using var label = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(badLabel));

        foreach (var response in new[] { truncated, wrongType, status, unknown, label })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await DocumentSamples.OutcomeExpressionAsync(truncated)).Should().Be("DocumentReference");
        (await DocumentSamples.OutcomeExpressionAsync(wrongType)).Should().Be("DocumentReference.resourceType");
        (await DocumentSamples.OutcomeExpressionAsync(status)).Should().Be("DocumentReference.status");
        (await DocumentSamples.OutcomeExpressionAsync(unknown)).Should().Be("DocumentReference.colour");
        (await DocumentSamples.OutcomeExpressionAsync(label)).Should().Be("DocumentReference.securityLabel");
        (await fixture.HoldingsAsync(person)).Should().Be((0, 0L));
    }

    [Fact]
    public async Task A_subject_without_an_ins_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = DocumentSamples.Pdf();
        var physician = fixture.App.ProfessionalClient(DocumentsFixture.Physician);
        var byName = DocumentSamples.Reference(person.Value, content);
        byName["subject"] = new JsonObject { ["display"] = "Jeanne Martin" };
        var otherSystem = DocumentSamples.Reference(person.Value, content);
        otherSystem["subject"]!["identifier"]!["system"] = "urn:oid:1.2.250.1.71.4.2.1";
        var badKey = DocumentSamples.Reference(person.Value[..13] + (person.Value[13] == '9' ? "0" : "9") + person.Value[14], content);

        using var missing = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(byName));
        using var wrongSystem = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(otherSystem));
        using var wrongKey = await physician.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(badKey));

        (missing.StatusCode, await DocumentSamples.OutcomeExpressionAsync(missing)).Should().Be((HttpStatusCode.BadRequest, "DocumentReference.subject"));
        (wrongSystem.StatusCode, await DocumentSamples.OutcomeExpressionAsync(wrongSystem)).Should().Be((HttpStatusCode.BadRequest, "DocumentReference.subject.identifier.system"));
        (wrongKey.StatusCode, await DocumentSamples.OutcomeExpressionAsync(wrongKey)).Should().Be((HttpStatusCode.BadRequest, "DocumentReference.subject.identifier.value"));
        await NothingStoredAsync(person, content);
    }

    private async Task NothingStoredAsync(Interfaces.Identity.Ins person, byte[] content)
    {
        (await fixture.HoldingsAsync(person)).Should().Be((0, 0L), "no index entry and no locator were written");
        (await fixture.ContentRowsAsync(content)).Should().Be(0, "no content was stored");
    }
}
