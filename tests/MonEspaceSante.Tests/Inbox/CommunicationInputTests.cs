using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Tests.Infrastructure;
using Communication = Hl7.Fhir.Model.Communication;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace MonEspaceSante.Tests.Inbox;

[Collection(InboxCollection.Name)]
public sealed class CommunicationInputTests(HealthSpaceFixture fixture)
{
    private const string Doctor = "10001112223";

    private HttpClient DoctorClient => fixture.App.ProfessionalClient(Doctor);

    [Fact]
    public async Task Malformed_fhir_json_is_refused_with_an_operation_outcome_and_nothing_is_stored()
    {
        var person = await fixture.OpenSpaceAsync();
        var json = $$"""{"resourceType": "Communication", "status": "completed", "subject": {"reference": "Patient/{{person.Value}}"}, "payload": [""";

        var response = await Communications.PostRawAsync(DoctorClient, json);

        var outcome = await RefusedAsync(person, response, HttpStatusCode.BadRequest);
        outcome.Issue.Should().NotBeEmpty().And.OnlyContain(i => i.Severity == OperationOutcome.IssueSeverity.Error);
        outcome.Issue[0].Code.Should().Be(OperationOutcome.IssueType.Structure);
    }

    [Fact]
    public async Task A_communication_without_the_patients_ins_is_refused_naming_the_subject()
    {
        var person = await fixture.OpenSpaceAsync();
        var noSubject = Communications.Start(person, "Suivi", "Bonjour");
        noSubject.Remove("subject");
        noSubject["recipient"] = new[] { new { identifier = new { system = IdentifierSystems.Rpps, value = "10009998887" } } };
        var wrongKey = Communications.Start(person, "Suivi", "Bonjour");
        wrongKey["subject"] = new { identifier = new { system = IdentifierSystems.InsNir, value = "123456789012244" } };
        var wrongSystem = Communications.Start(person, "Suivi", "Bonjour");
        wrongSystem["subject"] = new { identifier = new { system = IdentifierSystems.Rpps, value = person.Value } };

        var missing = await RefusedAsync(person, await Communications.PostAsync(DoctorClient, noSubject), HttpStatusCode.BadRequest);
        var badKey = await RefusedAsync(person, await Communications.PostAsync(DoctorClient, wrongKey), HttpStatusCode.BadRequest);
        var badSystem = await RefusedAsync(person, await Communications.PostAsync(DoctorClient, wrongSystem), HttpStatusCode.BadRequest);

        missing.Issue.Single().Expression.Should().Equal("Communication.subject");
        badKey.Issue.Single().Expression.Should().Equal("Communication.subject.identifier.value");
        badSystem.Issue.Single().Expression.Should().Equal("Communication.subject.identifier.system");
    }

    [Fact]
    public async Task A_message_with_neither_text_nor_attachment_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();

        var response = await Communications.PostAsync(DoctorClient, Communications.Start(person, "Vide", ""));

        var outcome = await RefusedAsync(person, response, HttpStatusCode.BadRequest);
        outcome.Issue.Single().Expression.Should().Equal("Communication.payload");
        outcome.Issue.Single().Diagnostics.Should().Contain("text or at least one attachment");
    }

    [Fact]
    public async Task An_attachment_over_10_MiB_is_refused_and_its_bytes_are_not_stored()
    {
        var person = await fixture.OpenSpaceAsync();
        var big = new byte[InboxLimits.MaxAttachmentBytes + 1];
        Communications.PdfBytes.CopyTo(big, 0);

        var response = await Communications.PostAsync(DoctorClient, Communications.Start(person, "Imagerie", "Le compte rendu", Communications.Attachment("application/pdf", "cr.pdf", big)));

        var outcome = await RefusedAsync(person, response, HttpStatusCode.BadRequest);
        outcome.Issue.Single().Expression.Should().Equal("Communication.payload[1].contentAttachment.data");
        outcome.Issue.Single().Diagnostics.Should().Contain("at most 10485760");
        (await fixture.CountAsync("SELECT count(*) FROM mes_inbox_attachment WHERE size > @max", ("max", (long)InboxLimits.MaxAttachmentBytes))).Should().Be(0);
    }

    [Fact]
    public async Task An_attachment_of_exactly_10_MiB_is_accepted_and_read_back_whole()
    {
        var person = await fixture.OpenSpaceAsync();
        var largest = new byte[InboxLimits.MaxAttachmentBytes];
        Communications.PdfBytes.CopyTo(largest, 0);
        largest[^1] = 0x42;

        var response = await Communications.PostAsync(DoctorClient, Communications.Start(person, "Imagerie", "Le compte rendu", Communications.Attachment("application/pdf", "cr.pdf", largest)));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await response.ReadFhirAsync<Communication>()).Id!;
        var download = await fixture.App.PatientClient(person).GetByteArrayAsync($"/api/v1/me/inbox/{id[..32]}/messages/1/attachments/0");
        download.Should().HaveCount(InboxLimits.MaxAttachmentBytes).And.EndWith(new byte[] { 0x42 });
    }

    [Fact]
    public async Task An_attachment_of_a_media_type_not_accepted_or_not_matching_its_bytes_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        var zip = Communications.Attachment("application/zip", "archive.zip", [0x50, 0x4B, 0x03, 0x04]);
        var fakePng = Communications.Attachment("image/png", "photo.png", Communications.PdfBytes);

        var notAccepted = await RefusedAsync(person, await Communications.PostAsync(DoctorClient, Communications.Start(person, "Pièces", "", zip)), HttpStatusCode.BadRequest);
        var notMatching = await RefusedAsync(person, await Communications.PostAsync(DoctorClient, Communications.Start(person, "Pièces", "Photo", fakePng)), HttpStatusCode.BadRequest);

        notAccepted.Issue.Single().Expression.Should().Equal("Communication.payload[0].contentAttachment.contentType");
        notAccepted.Issue.Single().Diagnostics.Should().Contain("'application/zip' is not accepted");
        notMatching.Issue.Single().Expression.Should().Equal("Communication.payload[1].contentAttachment.data");
        notMatching.Issue.Single().Diagnostics.Should().Contain("not image/png");
    }

    [Fact]
    public async Task More_than_five_attachments_in_one_message_are_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        var six = Enumerable.Range(1, 6).Select(i => Communications.Pdf($"page-{i}.pdf")).ToArray();

        var outcome = await RefusedAsync(person, await Communications.PostAsync(DoctorClient, Communications.Start(person, "Dossier", "Six pièces", six)), HttpStatusCode.BadRequest);

        outcome.Issue.Single().Diagnostics.Should().Contain("6 attachments; at most 5");
    }

    [Fact]
    public async Task A_reply_to_an_unknown_or_malformed_communication_id_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();

        var unknown = await RefusedAsync(person, await Communications.PostAsync(DoctorClient, Communications.Reply(person, $"{new string('a', 32)}-1", "Suite")), HttpStatusCode.NotFound);
        var malformed = await RefusedAsync(person, await Communications.PostAsync(DoctorClient, Communications.Reply(person, "not-a-message", "Suite")), HttpStatusCode.BadRequest);

        unknown.Issue.Single().Code.Should().Be(OperationOutcome.IssueType.NotFound);
        unknown.Issue.Single().Diagnostics.Should().Contain($"No conversation {new string('a', 32)}");
        malformed.Issue.Single().Expression.Should().Equal("Communication.inResponseTo[0].reference");
    }

    [Fact]
    public async Task A_reply_to_a_message_beyond_the_conversation_is_refused()
    {
        var person = await fixture.OpenSpaceAsync();
        var first = await (await Communications.PostAsync(DoctorClient, Communications.Start(person, "Suivi", "Bonjour"))).ReadFhirAsync<Communication>();
        InboxIds.TryParseMessage(first.Id, out var conversationId, out _);

        var response = await Communications.PostAsync(DoctorClient, Communications.Reply(person, $"{conversationId}-7", "Suite"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await fixture.CountAsync("SELECT count(*) FROM mes_inbox_message WHERE ins = @ins", ("ins", person.Value))).Should().Be(1);
    }

    [Fact]
    public async Task A_json_reply_without_text_or_attachment_or_with_bad_base64_is_refused_with_a_problem()
    {
        var person = await fixture.OpenSpaceAsync();
        var first = await (await Communications.PostAsync(DoctorClient, Communications.Start(person, "Suivi", "Bonjour"))).ReadFhirAsync<Communication>();
        InboxIds.TryParseMessage(first.Id, out var conversationId, out _);
        var patient = fixture.App.PatientClient(person);

        var empty = await Communications.ReplyAsJsonAsync(patient, conversationId, new { text = "  " });
        var badBase64 = await Communications.ReplyAsJsonAsync(patient, conversationId, new { attachments = new[] { new { contentType = "application/pdf", data = "%%%" } } });

        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await empty.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").GetProperty("text")[0].GetString().Should().Contain("text or at least one attachment");
        badBase64.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await fixture.CountAsync("SELECT count(*) FROM mes_inbox_message WHERE ins = @ins", ("ins", person.Value))).Should().Be(1);
    }

    private async Task<OperationOutcome> RefusedAsync(Ins person, HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        (await fixture.CountAsync("SELECT count(*) FROM mes_inbox_message WHERE ins = @ins", ("ins", person.Value))).Should().Be(0);
        (await fixture.App.PatientClient(person).GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options))!.Conversations.Should().BeEmpty();
        return await response.ReadFhirAsync<OperationOutcome>();
    }
}
