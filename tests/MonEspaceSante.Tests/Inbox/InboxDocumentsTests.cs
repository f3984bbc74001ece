using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Tests.Infrastructure;
using Communication = Hl7.Fhir.Model.Communication;

namespace MonEspaceSante.Tests.Inbox;

/// <summary>
/// Saving an attachment to documents calls the documents facet (IPatientDocumentsGrain.DepositAsync), built on
/// another branch: the first test passes once both are merged.
/// </summary>
[Collection(InboxCollection.Name)]
public sealed class InboxDocumentsTests(HealthSpaceFixture fixture)
{
    private const string Doctor = "10003334445";

    [Fact]
    public async Task An_attachment_saved_to_documents_becomes_one_document_however_often_it_is_saved()
    {
        var (person, conversationId) = await ConversationAsync();
        var patient = fixture.App.PatientClient(person);
        var url = $"/api/v1/me/inbox/{conversationId}/messages/1/attachments/0/document";

        var saved = await patient.PostAsJsonAsync(url, new { title = "Compte rendu du Dr Martin" });
        var again = await patient.PostAsync(url, null);

        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = await saved.ReadAsAsync<DocumentView>();
        document.Should().BeEquivalentTo(new
        {
            ClassCode = DocumentClassCodes.PatientDeposit,
            Title = "Compte rendu du Dr Martin",
            MediaType = "application/pdf",
            Size = (long)Communications.PdfBytes.Length,
            AuthorRole = AccessorRole.Patient,
        });
        document.Sha256.Should().BeEquivalentTo(Convert.ToHexStringLower(SHA256.HashData(Communications.PdfBytes)), "the same bytes, whatever the hex case");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.ReadAsAsync<DocumentView>()).Id.Should().Be(document.Id, "the external id inbox:<conversation>:<seq>:<n> makes a repeat change nothing");
    }

    [Fact]
    public async Task Saving_an_attachment_that_does_not_exist_is_a_404_and_another_patient_is_refused()
    {
        var (person, conversationId) = await ConversationAsync();

        var missing = await fixture.App.PatientClient(person).PostAsync($"/api/v1/me/inbox/{conversationId}/messages/1/attachments/3/document", null);
        var stranger = await fixture.App.RepresentativeClient(TestIns.Next(), person).PostAsync($"/api/v1/me/inbox/{conversationId}/messages/1/attachments/0/document", null);

        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("has no attachment 3");
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<(MonEspaceSante.Interfaces.Identity.Ins Person, string ConversationId)> ConversationAsync()
    {
        var person = await fixture.OpenSpaceAsync();
        var created = await Communications.PostAsync(fixture.App.ProfessionalClient(Doctor), Communications.Start(person, "Compte rendu", "Ci-joint", Communications.Pdf("cr.pdf")));
        created.EnsureSuccessStatusCode();
        return (person, (await created.ReadFhirAsync<Communication>()).Id![..32]);
    }
}
