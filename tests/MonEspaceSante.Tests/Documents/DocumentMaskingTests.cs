using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Documents;

[Collection(DocumentsCollection.Name)]
public sealed class DocumentMaskingTests(DocumentsFixture fixture)
{
    private const string Author = "10000000011";
    private const string OtherPhysician = "10000000012";

    [Fact]
    public async Task A_document_masked_from_professionals_is_hidden_from_every_other_professional_even_in_break_glass()
    {
        var person = await fixture.OpenSpaceAsync();
        var author = fixture.App.ProfessionalClient(Author);
        var masked = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, labels: [DocumentLabels.MaskedFromProfessionals]), author);
        var open = await fixture.DepositAsync(DocumentSamples.Reference(person.Value), author);

        foreach (var other in new[] { fixture.App.ProfessionalClient(OtherPhysician), fixture.App.ProfessionalClient(OtherPhysician, mode: "break-glass") })
        {
            (await other.GetAsync($"/fhir/DocumentReference/{masked}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await other.GetAsync($"/fhir/Binary/{masked}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await other.PostAsync($"/fhir/DocumentReference/{masked}/$reveal", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await DocumentsFixture.FhirSearchAsync(other, $"patient={person.Value}")).Should().BeEquivalentTo((1, new[] { open }));
        }

        (await author.GetAsync($"/fhir/Binary/{masked}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DocumentsFixture.FhirSearchAsync(author, $"patient={person.Value}")).Total.Should().Be(2);
        var holder = await DocumentsFixture.MyDocumentsAsync(fixture.App.PatientClient(person));
        holder.Total.Should().Be(2, "the holder sees what is masked from professionals");
        holder.Documents.Single(d => d.Id == masked).Labels.Should().Equal(DocumentLabels.MaskedFromProfessionals);
    }

    [Fact]
    public async Task The_holder_masks_a_document_from_professionals_and_unmasks_it()
    {
        var person = await fixture.OpenSpaceAsync();
        var id = await fixture.DepositAsync(DocumentSamples.Reference(person.Value), fixture.App.ProfessionalClient(Author));
        var holder = fixture.App.PatientClient(person);
        var other = fixture.App.ProfessionalClient(OtherPhysician);

        (await holder.PutAsJsonAsync($"/api/v1/me/documents/{id}/masked", new { masked = true })).EnsureSuccessStatusCode();
        var whileMasked = await other.GetAsync($"/fhir/DocumentReference/{id}");
        var totalWhileMasked = (await DocumentsFixture.FhirSearchAsync(other, $"patient={person.Value}")).Total;
        var authorWhileMasked = await fixture.App.ProfessionalClient(Author).GetAsync($"/fhir/DocumentReference/{id}");
        (await holder.PutAsJsonAsync($"/api/v1/me/documents/{id}/masked", new { masked = false })).EnsureSuccessStatusCode();

        whileMasked.StatusCode.Should().Be(HttpStatusCode.NotFound);
        totalWhileMasked.Should().Be(0);
        authorWhileMasked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.GetAsync($"/fhir/DocumentReference/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.PutAsJsonAsync($"/api/v1/me/documents/{id}/masked", new { masked = true })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_document_invisible_to_the_patient_reaches_no_one_on_their_side_nor_their_live_feed_until_a_professional_reveals_it()
    {
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(2016, 4, 2));
        var parent = TestIns.Next();
        await fixture.RepresentAsync(minor, parent);
        await fixture.ConnectAsync(minor, "docs-app", "documents.read");
        var holder = fixture.App.PatientClient(minor);
        var representative = fixture.App.RepresentativeClient(parent, minor);
        var app = fixture.App.ClientFor("app", "docs-app");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var feed = await holder.GetAsync("/api/v1/me/documents/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var events = new StreamReader(await feed.Content.ReadAsStreamAsync(timeout.Token));
        (await NextEventAsync(events, timeout.Token)).Type.Should().Be("ready");

        var hidden = await fixture.DepositAsync(DocumentSamples.Reference(minor.Value, classCode: "11", labels: [DocumentLabels.InvisibleToPatient]), fixture.App.ProfessionalClient(Author));
        var shown = await fixture.DepositAsync(DocumentSamples.Reference(minor.Value, classCode: "11"), fixture.App.ProfessionalClient(Author));

        var first = await NextEventAsync(events, timeout.Token);
        first.Event.Should().BeEquivalentTo(new { DocumentId = shown, Change = DocumentChange.Deposited }, "the hidden document, deposited first, produced no event");
        foreach (var client in new[] { holder, representative })
        {
            (await client.GetAsync($"/api/v1/me/documents/{hidden}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await client.GetAsync($"/api/v1/me/documents/{hidden}/content")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            var page = await DocumentsFixture.MyDocumentsAsync(client);
            (page.Total, page.Documents.Select(d => d.Id)).Should().BeEquivalentTo((1, new[] { shown }));
        }

        (await app.GetAsync($"/fhir/DocumentReference/{hidden}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await app.GetAsync($"/fhir/Binary/{hidden}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await DocumentsFixture.FhirSearchAsync(app, $"patient={minor.Value}")).Total.Should().Be(1);
        (await holder.PostAsync($"/fhir/DocumentReference/{hidden}/$reveal", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DocumentsFixture.FhirSearchAsync(fixture.App.ProfessionalClient(OtherPhysician), $"patient={minor.Value}")).Total.Should().Be(2, "professionals see it");

        using var revealed = await fixture.App.ProfessionalClient(OtherPhysician).PostAsync($"/fhir/DocumentReference/{hidden}/$reveal", null);

        revealed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await DocumentsFixture.FhirAsync(revealed))["securityLabel"].Should().BeNull();
        (await NextEventAsync(events, timeout.Token)).Event.Should().BeEquivalentTo(new { DocumentId = hidden, Change = DocumentChange.Deposited });
        (await holder.GetAsync($"/api/v1/me/documents/{hidden}/content")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DocumentsFixture.MyDocumentsAsync(representative)).Total.Should().Be(2);
        (await DocumentsFixture.FhirSearchAsync(app, $"patient={minor.Value}")).Total.Should().Be(2);
    }

    [Fact]
    public async Task A_document_invisible_to_legal_representatives_is_seen_by_the_minor_but_not_by_a_representative()
    {
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(2011, 9, 2));
        var parent = TestIns.Next();
        await fixture.RepresentAsync(minor, parent);
        var representative = fixture.App.RepresentativeClient(parent, minor);
        var id = await fixture.DepositAsync(DocumentSamples.Reference(minor.Value, classCode: "10", labels: [DocumentLabels.InvisibleToRepresentatives]), fixture.App.ProfessionalClient(Author));

        (await fixture.App.PatientClient(minor).GetAsync($"/api/v1/me/documents/{id}/content")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DocumentsFixture.MyDocumentsAsync(fixture.App.PatientClient(minor))).Total.Should().Be(1);
        (await representative.GetAsync($"/api/v1/me/documents/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await representative.GetAsync($"/api/v1/me/documents/{id}/content")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await representative.DeleteAsync($"/api/v1/me/documents/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await DocumentsFixture.MyDocumentsAsync(representative)).Should().BeEquivalentTo(new { Total = 0, Documents = Array.Empty<DocumentView>() });
    }

    [Fact]
    public async Task The_history_of_a_minors_confidential_care_is_the_minors_alone()
    {
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(2012, 3, 2));
        var parent = TestIns.Next();
        await fixture.RepresentAsync(minor, parent);
        var representative = fixture.App.RepresentativeClient(parent, minor);
        var author = fixture.App.ProfessionalClient(Author);
        var confidential = await fixture.DepositAsync(DocumentSamples.Reference(minor.Value, classCode: "11", typeCode: "34133-9", labels: [DocumentLabels.InvisibleToRepresentatives]), author);
        await fixture.DepositAsync(DocumentSamples.Reference(minor.Value, classCode: "10"), author);
        (await author.GetAsync($"/fhir/Binary/{confidential}")).EnsureSuccessStatusCode();

        var minorSees = await fixture.App.PatientClient(minor).GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);
        var parentSees = await representative.GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);

        minorSees!.Records.Where(r => r.ActorId == Author).Select(r => r.Resource).Should().HaveCount(3).And.Contain("document deposit (class 11)");
        parentSees!.Records.Where(r => r.ActorId == Author).Select(r => r.Resource).Should().Equal(["document deposit (class 10)"],
            "neither the deposit nor the read of a document labelled INVISIBLE_REPRESENTANTS_LEGAUX reaches the representatives");
    }

    [Fact]
    public async Task A_pharmacist_sees_only_the_classes_of_the_profession_matrix_unless_invoking_break_glass()
    {
        var person = await fixture.OpenSpaceAsync();
        var report = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, classCode: "10"));
        var prescription = await fixture.DepositAsync(DocumentSamples.Reference(person.Value, classCode: "42", typeCode: "57833-6"));
        var pharmacist = fixture.App.ProfessionalClient("20000000021", profession: "21");

        (await DocumentsFixture.FhirSearchAsync(pharmacist, $"patient={person.Value}")).Should().BeEquivalentTo((1, new[] { prescription }));
        (await DocumentsFixture.FhirSearchAsync(pharmacist, $"patient={person.Value}&category=10")).Total.Should().Be(0);
        (await pharmacist.GetAsync($"/fhir/DocumentReference/{report}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await pharmacist.GetAsync($"/fhir/Binary/{report}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await pharmacist.GetAsync($"/fhir/Binary/{prescription}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var breakGlass = fixture.App.ProfessionalClient("20000000021", profession: "21", mode: "break-glass");
        (await DocumentsFixture.FhirSearchAsync(breakGlass, $"patient={person.Value}")).Total.Should().Be(2);
    }

    private static async Task<(string Type, DocumentEvent? Event)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? type = null;
        var data = "";
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && type is not null)
            {
                return (type, data is "" or "null" ? null : JsonSerializer.Deserialize<DocumentEvent>(data, Json.Options));
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data += line["data: ".Length..];
            }
        }

        throw new EndOfStreamException("The live feed ended.");
    }
}
