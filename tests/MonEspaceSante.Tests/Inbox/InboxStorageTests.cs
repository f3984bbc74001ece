using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Api.Inbox;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;
using Attachment = Hl7.Fhir.Model.Attachment;
using Communication = Hl7.Fhir.Model.Communication;

namespace MonEspaceSante.Tests.Inbox;

public sealed class InboxStorageTests(HealthSpaceFixture fixture) : IClassFixture<HealthSpaceFixture>
{
    private const string Doctor = "10004445556";

    [Fact]
    public async Task The_export_gives_every_conversation_with_its_messages_page_by_page_to_the_holder_only()
    {
        var person = await fixture.OpenSpaceAsync();
        var ids = new List<string>();
        foreach (var subject in new[] { "Un", "Deux", "Trois" })
        {
            fixture.App.Clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add(await StartAsync(person, subject));
        }

        (await Communications.ReplyAsJsonAsync(fixture.App.PatientClient(person), ids[1], new { text = "Réponse" })).EnsureSuccessStatusCode();
        var grain = fixture.App.Grains.GetGrain<IPatientInboxGrain>(PatientKey.From(person));
        var holder = new Accessor(AccessorRole.Patient, person.Value, "api");

        var first = await grain.ExportAsync(holder, null, 2);
        var second = await grain.ExportAsync(holder, first.Next, 2);
        var byProfessional = () => grain.ExportAsync(new Accessor(AccessorRole.Professional, Doctor, "fhir"), null, 2);

        first.Conversations.Select(c => c.Conversation.Subject).Should().Equal("Un", "Deux");
        first.Conversations[1].Messages.Select(m => m.Text).Should().Equal("Deux", "Réponse");
        first.Next.Should().Be(ids[1]);
        second.Conversations.Select(c => c.Conversation.Subject).Should().Equal("Trois");
        second.Next.Should().BeNull();
        await byProfessional.Should().ThrowAsync<AccessDeniedException>();
        (await grain.GetInboxAsync(holder)).TotalUnread.Should().Be(3, "exporting marks nothing read");

        var message = first.Conversations[0].Messages.Single();
        var content = await grain.GetAttachmentAsync(holder, message.ConversationId, message.Seq, 0);
        var exported = CommunicationMapping.ToFhir(person, first.Conversations[0].Conversation, message, [content.Content]);
        var attachment = exported.Payload.Select(p => p.Content).OfType<Attachment>().Single();
        attachment.Data.Should().Equal(Communications.PdfBytes);
        attachment.Url.Should().BeNull();
        exported.Id.Should().Be($"{ids[0]}-1");
    }

    [Fact]
    public async Task A_message_row_the_state_never_counted_is_ignored_then_replaced_by_the_next_message()
    {
        var person = await fixture.OpenSpaceAsync();
        var conversationId = await StartAsync(person, "Suivi");

        // What a turn that failed between its row and its state leaves behind.
        await using (var leftover = fixture.Database.CreateCommand("""
            INSERT INTO mes_inbox_message (ins, conversation_id, seq, sender_role, sender_id, sent_at, body)
            VALUES (@ins, @conversation, 2, 'Patient', @ins, now(), 'never acknowledged')
            """))
        {
            leftover.Parameters.AddWithValue("ins", person.Value);
            leftover.Parameters.AddWithValue("conversation", conversationId);
            await leftover.ExecuteNonQueryAsync();
        }

        var patient = fixture.App.PatientClient(person);
        var before = await patient.GetFromJsonAsync<ConversationView>($"/api/v1/me/inbox/{conversationId}", Json.Options);
        var reply = await Communications.ReplyAsJsonAsync(patient, conversationId, new { text = "Tout va bien." });
        var after = await patient.GetFromJsonAsync<ConversationView>($"/api/v1/me/inbox/{conversationId}", Json.Options);

        before!.Messages.Select(m => m.Text).Should().Equal("Suivi");
        reply.StatusCode.Should().Be(HttpStatusCode.Created);
        after!.Messages.Select(m => m.Text).Should().Equal("Suivi", "Tout va bien.");
        (await fixture.CountAsync("SELECT count(*) FROM mes_inbox_message WHERE ins = @ins", ("ins", person.Value))).Should().Be(2);
    }

    [Fact]
    public async Task The_inbox_survives_a_deactivation_with_its_unread_counts()
    {
        var person = await fixture.OpenSpaceAsync();
        var conversationId = await StartAsync(person, "Persisté");
        var grain = fixture.App.Grains.GetGrain<IPatientInboxGrain>(PatientKey.From(person));

        var management = fixture.App.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        (await management.GetActiveGrains(GrainType.Create("patient"))).Select(id => id.Key.ToString())
            .Should().NotContain(PatientKey.From(person), "the state must be read back from PostgreSQL");
        var inbox = await grain.GetInboxAsync(new Accessor(AccessorRole.Patient, person.Value, "api"));

        inbox.Conversations.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = conversationId, Subject = "Persisté", MessageCount = 1, UnreadCount = 1 });
    }

    private async Task<string> StartAsync(Ins person, string subject)
    {
        var created = await Communications.PostAsync(fixture.App.ProfessionalClient(Doctor), Communications.Start(person, subject, subject, Communications.Pdf($"{subject}.pdf")));
        created.EnsureSuccessStatusCode();
        return (await created.ReadFhirAsync<Communication>()).Id![..32];
    }
}
