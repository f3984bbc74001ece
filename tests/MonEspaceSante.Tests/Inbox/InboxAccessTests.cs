using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Tests.Infrastructure;
using Communication = Hl7.Fhir.Model.Communication;

namespace MonEspaceSante.Tests.Inbox;

[Collection(InboxCollection.Name)]
public sealed class InboxAccessTests(HealthSpaceFixture fixture)
{
    private const string Doctor = "10002223334";

    [Fact]
    public async Task The_holder_reads_their_inbox_and_another_patient_is_refused()
    {
        var (person, conversationId, messageId) = await ConversationAsync();
        var stranger = fixture.App.RepresentativeClient(TestIns.Next(), person);

        var own = await fixture.App.PatientClient(person).GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options);
        var list = await stranger.GetAsync("/api/v1/me/inbox");
        var read = await stranger.GetAsync($"/api/v1/me/inbox/{conversationId}");
        var reply = await Communications.ReplyAsJsonAsync(stranger, conversationId, new { text = "Je lis chez les autres" });
        var search = await stranger.GetAsync($"/fhir/Communication?patient={person.Value}");

        own!.Conversations.Should().ContainSingle().Which.Id.Should().Be(conversationId);
        list.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        read.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        reply.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        search.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await MessageRowsAsync(person)).Should().Be(1);
        messageId.Should().Be($"{conversationId}-1");
    }

    [Fact]
    public async Task A_professional_is_admitted_and_each_access_is_in_the_history_without_content()
    {
        var (person, conversationId, _) = await ConversationAsync();

        var search = await fixture.App.ProfessionalClient(Doctor).GetAsync($"/fhir/Communication?patient={person.Value}");

        search.StatusCode.Should().Be(HttpStatusCode.OK);
        var history = await fixture.App.PatientClient(person).GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);
        history!.Records.Where(r => r.ActorId == Doctor).Select(r => (r.Action, r.Resource)).Should().Equal(
            ("read", "messages search"),
            ("write", $"conversation {conversationId}"));
    }

    [Fact]
    public async Task A_professional_the_holder_blocked_is_refused()
    {
        var (person, _, messageId) = await ConversationAsync();
        (await fixture.App.PatientClient(person).PutAsync($"/api/v1/me/controls/blocked-professionals/{Doctor}", null)).EnsureSuccessStatusCode();
        var doctor = fixture.App.ProfessionalClient(Doctor);

        var start = await Communications.PostAsync(doctor, Communications.Start(person, "Nouveau", "Bonjour"));
        var continued = await Communications.PostAsync(doctor, Communications.Reply(person, messageId, "Suite"));
        var search = await doctor.GetAsync($"/fhir/Communication?patient={person.Value}");

        start.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        continued.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        search.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await search.ReadFhirAsync<Hl7.Fhir.Model.OperationOutcome>()).Issue.Single().Diagnostics.Should().Be(MonEspaceSante.Grains.Patients.Access.SpacePolicy.ProfessionalRefusal, "a blocked professional is not told so");
        (await MessageRowsAsync(person)).Should().Be(1);
    }

    [Fact]
    public async Task Break_glass_access_is_refused_once_the_holder_refused_it()
    {
        var (person, _, _) = await ConversationAsync();
        (await fixture.App.PatientClient(person).PutAsJsonAsync("/api/v1/me/controls/break-glass", new { allowed = false })).EnsureSuccessStatusCode();
        var breakGlass = fixture.App.ProfessionalClient(Doctor, mode: "break-glass");

        var search = await breakGlass.GetAsync($"/fhir/Communication?patient={person.Value}");
        var start = await Communications.PostAsync(breakGlass, Communications.Start(person, "Urgence", "Bonjour"));
        var standard = await fixture.App.ProfessionalClient(Doctor).GetAsync($"/fhir/Communication?patient={person.Value}");

        search.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        start.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        standard.StatusCode.Should().Be(HttpStatusCode.OK);
        (await MessageRowsAsync(person)).Should().Be(1);
    }

    [Fact]
    public async Task Apps_and_operators_are_refused_everywhere_in_the_inbox()
    {
        var (person, conversationId, messageId) = await ConversationAsync();
        await fixture.ConnectAsync(person, "docs-app", "documents.read", "documents.write");
        var app = fixture.App.ClientFor("app", "docs-app");
        var insurer = fixture.App.ClientFor("operator", "op-1");

        foreach (var client in new[] { app, insurer })
        {
            (await Communications.PostAsync(client, Communications.Start(person, "Info", "Bonjour"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await Communications.PostAsync(client, Communications.Reply(person, messageId, "Suite"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.GetAsync($"/fhir/Communication?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.GetAsync($"/fhir/Communication/{messageId}/attachments/0?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.GetAsync("/api/v1/me/inbox")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.GetAsync($"/api/v1/me/inbox/{conversationId}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        (await MessageRowsAsync(person)).Should().Be(1);
    }

    [Fact]
    public async Task Anonymous_callers_get_401()
    {
        var (person, conversationId, _) = await ConversationAsync();
        var anonymous = fixture.App.CreateClient();

        (await anonymous.GetAsync("/api/v1/me/inbox")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"/api/v1/me/inbox/{conversationId}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Communications.ReplyAsJsonAsync(anonymous, conversationId, new { text = "?" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Communications.PostAsync(anonymous, Communications.Start(person, "?", "?"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync($"/fhir/Communication?patient={person.Value}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await MessageRowsAsync(person)).Should().Be(1);
    }

    [Fact]
    public async Task A_legal_representative_reads_and_answers_in_the_minors_inbox_and_is_recorded()
    {
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(2015, 5, 1));
        var parent = TestIns.Next();
        await fixture.RepresentAsync(minor, parent);
        var (_, conversationId, _) = await ConversationAsync(minor);
        var representative = fixture.App.RepresentativeClient(parent, minor);

        var inbox = await representative.GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options);
        var read = await representative.GetFromJsonAsync<ConversationView>($"/api/v1/me/inbox/{conversationId}", Json.Options);
        var reply = await Communications.ReplyAsJsonAsync(representative, conversationId, new { text = "Je suis son parent, merci." });

        var minorInbox = await fixture.App.PatientClient(minor).GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options);

        inbox!.TotalUnread.Should().Be(1);
        read!.Conversation.UnreadCount.Should().Be(1, "a representative's look leaves the message unread for the minor");
        minorInbox!.TotalUnread.Should().Be(1);
        reply.StatusCode.Should().Be(HttpStatusCode.Created);
        (await reply.ReadAsAsync<InboxMessage>()).Should().BeEquivalentTo(new { Seq = 2, SenderRole = AccessorRole.Patient, SenderId = parent.Value });
        (await fixture.HistoryLinesAsync(minor, parent.Value)).Should().Be(3);
        var seen = await Communications.SearchAsync(fixture.App.ProfessionalClient(Doctor), minor);
        seen.Entry.Select(e => e.Resource).OfType<Communication>().First().Sender!.Type.Should().Be("RelatedPerson");
    }

    [Fact]
    public async Task A_conversation_labelled_for_the_minor_alone_is_invisible_to_the_representatives_and_announced_by_push()
    {
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(2012, 9, 1));
        var parent = TestIns.Next();
        await fixture.RepresentAsync(minor, parent);
        var communication = Communications.Start(minor, "Consultation confidentielle", "Vos résultats.");
        communication["meta"] = new { security = new[] { new { system = "urn:oid:1.2.250.1.213.1.1.4.13", code = "INVISIBLE_REPRESENTANTS_LEGAUX" } } };
        var created = await Communications.PostAsync(fixture.App.ProfessionalClient(Doctor), communication);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.ReadFhirAsync<Communication>()).Id!;
        var conversationId = id[..id.LastIndexOf('-')];
        var representative = fixture.App.RepresentativeClient(parent, minor);

        var parentInbox = await representative.GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox", Json.Options);
        var parentOpens = await representative.GetAsync($"/api/v1/me/inbox/{conversationId}");
        var parentHistory = await representative.GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);
        var minorOpens = await fixture.App.PatientClient(minor).GetAsync($"/fhir/Communication/{id}");
        var minorHistory = await fixture.App.PatientClient(minor).GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);

        parentInbox!.Conversations.Should().BeEmpty();
        parentInbox.TotalUnread.Should().Be(0);
        parentOpens.StatusCode.Should().Be(HttpStatusCode.NotFound, "the same answer as for a conversation that does not exist");
        parentHistory!.Records.Where(r => r.Resource.Contains(conversationId, StringComparison.Ordinal)).Should().BeEmpty();
        minorOpens.StatusCode.Should().Be(HttpStatusCode.OK);
        (await minorOpens.ReadFhirAsync<Communication>()).Meta!.Security.Select(c => c.Code).Should().Equal("INVISIBLE_REPRESENTANTS_LEGAUX");
        minorHistory!.Records.Should().Contain(r => r.ActorId == Doctor && r.Resource.Contains(conversationId, StringComparison.Ordinal));
        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE dedup_key = @key AND channel = 'Push' AND email IS NULL", ("key", $"inbox:{conversationId}:1")))
            .Should().Be(1, "announced to the minor's own app, never to an address a representative may read");
    }

    /// <summary>A person (a fresh adult by default) with one conversation started by <see cref="Doctor"/>.</summary>
    private async Task<(Ins Person, string ConversationId, string MessageId)> ConversationAsync(Ins? person = null)
    {
        var ins = person ?? await fixture.OpenSpaceAsync();
        var created = await Communications.PostAsync(fixture.App.ProfessionalClient(Doctor), Communications.Start(ins, "Consultation", "Bonjour", Communications.Pdf("cr.pdf")));
        created.EnsureSuccessStatusCode();
        var id = (await created.ReadFhirAsync<Communication>()).Id!;
        return (ins, id[..id.LastIndexOf('-')], id);
    }

    private Task<long> MessageRowsAsync(Ins person) =>
        fixture.CountAsync("SELECT count(*) FROM mes_inbox_message WHERE ins = @ins", ("ins", person.Value));
}
