using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Tests.Infrastructure;
using Attachment = Hl7.Fhir.Model.Attachment;
using Communication = Hl7.Fhir.Model.Communication;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace MonEspaceSante.Tests.Inbox;

[Collection(InboxCollection.Name)]
public sealed class ConversationTests(HealthSpaceFixture fixture)
{
    private const string Doctor = "10001234567";
    private const string OtherDoctor = "10007654321";

    [Fact]
    public async Task A_professional_starts_a_conversation_the_patient_reads_and_replies_and_only_that_professional_sees_the_reply()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Doctor);
        var patient = fixture.App.PatientClient(person);

        var created = await Communications.PostAsync(doctor, Communications.Start(person, "Résultats d'analyse", "Vos résultats sont normaux.", Communications.Pdf("bilan.pdf")));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var first = await created.ReadFhirAsync<Communication>();
        InboxIds.TryParseMessage(first.Id, out var conversationId, out var seq).Should().BeTrue();
        seq.Should().Be(1);

        var unread = await patient.GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options);
        unread!.TotalUnread.Should().Be(1);
        unread.Conversations.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Id = conversationId, Subject = "Résultats d'analyse", ProfessionalId = Doctor, MessageCount = 1, UnreadCount = 1 });

        var read = await patient.GetFromJsonAsync<ConversationView>($"/api/v1/me/inbox/{conversationId}", Json.Options);
        var message = read!.Messages.Should().ContainSingle().Subject;
        message.Should().BeEquivalentTo(new { Seq = 1, SenderRole = AccessorRole.Professional, SenderId = Doctor, Text = "Vos résultats sont normaux." });
        message.Attachments.Should().ContainSingle().Which.Should().BeEquivalentTo(new InboxAttachment(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Communications.PdfBytes)), "application/pdf", "bilan.pdf", Communications.PdfBytes.Length));
        var afterRead = await patient.GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options);
        afterRead!.TotalUnread.Should().Be(0);
        afterRead.Conversations.Single().UnreadCount.Should().Be(0);
        var download = await patient.GetAsync($"/api/v1/me/inbox/{conversationId}/messages/1/attachments/0");
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Communications.PdfBytes);

        var reply = await Communications.ReplyAsJsonAsync(patient, conversationId, new { text = "Merci docteur." });
        reply.StatusCode.Should().Be(HttpStatusCode.Created);

        var seen = await Communications.SearchAsync(doctor, person);
        seen.Total.Should().Be(2);
        var messages = seen.Entry.Select(e => e.Resource).OfType<Communication>().ToList();
        messages.Select(c => c.Text()).Should().Equal("Merci docteur.", "Vos résultats sont normaux.");
        messages[0].Sender!.Identifier!.Value.Should().Be(person.Value);
        messages[0].Recipient.Single().Identifier!.Should().BeEquivalentTo(new { System = IdentifierSystems.Rpps, Value = Doctor });
        messages[0].InResponseTo.Single().Reference.Should().Be($"Communication/{first.Id}");
        messages[0].Topic!.Text.Should().Be("Résultats d'analyse");
        var attachment = messages[1].Payload.Select(p => p.Content).OfType<Attachment>().Single();
        attachment.Title.Should().Be("bilan.pdf");
        (await (await doctor.GetAsync(attachment.Url!)).Content.ReadAsByteArrayAsync()).Should().Equal(Communications.PdfBytes);
        var other = await Communications.SearchAsync(fixture.App.ProfessionalClient(OtherDoctor), person);
        other.Total.Should().Be(0);
        other.Entry.Should().BeEmpty();

        (await OutboxRowsAsync($"inbox:{conversationId}:1")).Should().Be(1);
        (await OutboxRowsAsync($"inbox:{conversationId}:2")).Should().Be(0, "the patient's reply notifies nobody");
        (await fixture.CountAsync(
            "SELECT count(*) FROM mes_outbox o WHERE o.dedup_key = @key AND (o::text ILIKE '%sultats%' OR o::text ILIKE '%normaux%' OR o::text ILIKE '%bilan%' OR o::text LIKE '%' || @ins || '%')",
            ("key", $"inbox:{conversationId}:1"), ("ins", person.Value))).Should().Be(0, "a notice carries no subject, no text, no attachment name, no INS");
        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE dedup_key = @key AND kind = 'NewMessage'", ("key", $"inbox:{conversationId}:1"))).Should().Be(1);
    }

    [Fact]
    public async Task The_professional_who_started_a_conversation_continues_it_and_another_professional_cannot()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Doctor);
        var first = await (await Communications.PostAsync(doctor, Communications.Start(person, "Suivi", "Comment allez-vous ?"))).ReadFhirAsync<Communication>();
        InboxIds.TryParseMessage(first.Id, out var conversationId, out _);
        await fixture.App.PatientClient(person).GetAsync($"/api/v1/me/inbox/{conversationId}");

        var followUp = await Communications.PostAsync(doctor, Communications.Reply(person, first.Id!, "Un rappel : bilan dans six mois."));
        var intruder = await Communications.PostAsync(fixture.App.ProfessionalClient(OtherDoctor), Communications.Reply(person, first.Id!, "Je m'invite."));

        followUp.StatusCode.Should().Be(HttpStatusCode.Created);
        (await followUp.ReadFhirAsync<Communication>()).Id.Should().Be($"{conversationId}-2");
        intruder.StatusCode.Should().Be(HttpStatusCode.NotFound, "another professional's conversation is not there for this one");
        (await intruder.ReadFhirAsync<OperationOutcome>()).Issue.Single().Diagnostics.Should().Be($"No conversation {conversationId} in this inbox.");
        (await MessageRowsAsync(person)).Should().Be(2);
        (await OutboxRowsAsync($"inbox:{conversationId}:2")).Should().Be(1);
        var inbox = await fixture.App.PatientClient(person).GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options);
        inbox!.Conversations.Single().Should().BeEquivalentTo(new { MessageCount = 2, UnreadCount = 1 });
    }

    [Fact]
    public async Task A_communication_sent_again_with_the_same_identifier_is_stored_once()
    {
        var person = await fixture.OpenSpaceAsync();
        var doctor = fixture.App.ProfessionalClient(Doctor);
        var communication = Communications.Start(person, "Ordonnance", "Voici votre ordonnance.", Communications.Pdf("ordonnance.pdf"));
        communication["identifier"] = new[] { new { system = "urn:oid:1.2.3.4", value = "msg-42" } };

        var sent = await Communications.PostAsync(doctor, communication);
        var again = await Communications.PostAsync(doctor, communication);

        sent.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.ReadFhirAsync<Communication>()).Id.Should().Be((await sent.ReadFhirAsync<Communication>()).Id);
        (await MessageRowsAsync(person)).Should().Be(1);
        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE dedup_key LIKE @key", ("key", $"inbox:{(await sent.ReadFhirAsync<Communication>()).Id![..32]}:%"))).Should().Be(1);
        var inbox = await fixture.App.PatientClient(person).GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options);
        inbox!.Conversations.Should().ContainSingle().Which.UnreadCount.Should().Be(1);
    }

    [Fact]
    public async Task A_patient_cannot_start_a_conversation_in_json_or_fhir_and_nothing_is_stored()
    {
        var person = await fixture.OpenSpaceAsync();
        var patient = fixture.App.PatientClient(person);

        var json = await patient.PostAsJsonAsync("/api/v1/me/inbox", new { subject = "Question", text = "Bonjour docteur" });
        var fhir = await Communications.PostAsync(patient, Communications.Start(person, "Question", "Bonjour docteur"));

        json.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await json.Content.ReadAsStringAsync()).Should().Contain("Only health professionals start a conversation");
        fhir.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var outcome = await fhir.ReadFhirAsync<OperationOutcome>();
        outcome.Issue.Single().Code.Should().Be(OperationOutcome.IssueType.Forbidden);
        outcome.Issue.Single().Diagnostics.Should().Contain("POST /api/v1/me/inbox/{conversationId}/messages");
        (await MessageRowsAsync(person)).Should().Be(0);
        (await patient.GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options))!.Conversations.Should().BeEmpty();
    }

    [Fact]
    public async Task The_inbox_is_described_in_the_openapi_document_and_the_capability_statement()
    {
        var client = fixture.App.CreateClient();

        var openApi = await client.GetStringAsync("/openapi/v1.json");
        var metadata = await (await client.GetAsync("/fhir/metadata")).ReadFhirAsync<Hl7.Fhir.Model.CapabilityStatement>();

        openApi.Should().Contain("/api/v1/me/inbox/{conversationId}/messages").And.Contain("/fhir/Communication");
        var communication = metadata.Rest.Single().Resource.Single(r => r.Type == "Communication");
        communication.Interaction.Select(i => i.Code).Should().BeEquivalentTo(
            [Hl7.Fhir.Model.CapabilityStatement.TypeRestfulInteraction.Create, Hl7.Fhir.Model.CapabilityStatement.TypeRestfulInteraction.Read,
                Hl7.Fhir.Model.CapabilityStatement.TypeRestfulInteraction.SearchType]);
        communication.SearchParam.Select(p => p.Name).Should().Contain("patient");
    }

    private Task<long> MessageRowsAsync(Ins person) =>
        fixture.CountAsync("SELECT count(*) FROM mes_inbox_message WHERE ins = @ins", ("ins", person.Value));

    private Task<long> OutboxRowsAsync(string key) =>
        fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE dedup_key = @key", ("key", key));
}
