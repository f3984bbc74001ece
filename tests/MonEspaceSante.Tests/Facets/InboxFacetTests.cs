using MonEspaceSante.Grains.Inbox;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The inbox facet with the real message store on PostgreSQL, without a silo.</summary>
[Collection(FacetStoresCollection.Name)]
public sealed class InboxFacetTests(FacetStores stores)
{
    private readonly TestSpace space = new(TestIns.Next());
    private readonly HeldFacetState<InboxState> state = new();

    private InboxFacet Facet() => new(state, stores.Inbox, space);

    private static OutgoingMessage Text(string text, string? clientId = null) => new(text, [], clientId);

    [Fact]
    public async Task Each_message_from_a_professional_is_announced_once_without_content_and_counted_unread_until_the_person_reads()
    {
        var inbox = Facet();
        var started = await inbox.StartConversationAsync(Callers.Physician(), "Résultats", Text("Vos résultats sont normaux."));
        await inbox.PostMessageAsync(Callers.Physician(), started.Conversation.Id, Text("Un complément."));
        await inbox.PostMessageAsync(Callers.Holder(space.Person), started.Conversation.Id, Text("Merci."));

        var before = await inbox.GetInboxAsync(Callers.Holder(space.Person));
        var read = await inbox.ReadConversationAsync(Callers.Holder(space.Person), started.Conversation.Id);
        var after = await inbox.GetInboxAsync(Callers.Holder(space.Person));

        space.Notices.Should().Equal(($"inbox:{started.Conversation.Id}:1", NoticeKind.NewMessage), ($"inbox:{started.Conversation.Id}:2", NoticeKind.NewMessage));
        before.TotalUnread.Should().Be(2);
        read.Messages.Select(m => m.Text).Should().Equal("Vos résultats sont normaux.", "Un complément.", "Merci.");
        after.TotalUnread.Should().Be(0);
        (await stores.CountAsync("SELECT count(*) FROM mes_inbox_message WHERE ins = @ins", ("ins", space.Person.Value))).Should().Be(3);
    }

    [Fact]
    public async Task A_conversation_for_a_minor_alone_is_hidden_from_the_representatives_with_its_history_and_announced_privately()
    {
        var minor = new TestSpace(TestIns.Born(2012, 3, 1));
        var parent = TestIns.Born(1985, 1, 1);
        minor.Controls.LegalRepresentatives.Add(parent.Value);
        var inbox = new InboxFacet(new HeldFacetState<InboxState>(), stores.Inbox, minor);
        var confidential = await inbox.StartConversationAsync(Callers.Physician(), "Consultation", new OutgoingMessage("Vos résultats.", [], MinorOnly: true));
        var ordinary = await inbox.StartConversationAsync(Callers.Physician(), "Vaccins", Text("Rappel du vaccin."));
        await inbox.PostMessageAsync(Callers.Physician(), confidential.Conversation.Id, Text("Un complément.", null) with { MinorOnly = false });

        var asParent = await inbox.GetInboxAsync(Callers.Representative(parent));
        var openedByParent = () => inbox.ReadConversationAsync(Callers.Representative(parent), confidential.Conversation.Id);
        var replyByParent = () => inbox.PostMessageAsync(Callers.Representative(parent), confidential.Conversation.Id, Text("Je suis son parent."));
        var exportByParent = await inbox.ExportAsync(Callers.Representative(parent), null, 10);
        var asMinor = await inbox.GetInboxAsync(Callers.Holder(minor.Person));
        await inbox.ReadConversationAsync(Callers.Physician(), confidential.Conversation.Id);

        asParent.Conversations.Select(c => c.Id).Should().Equal(ordinary.Conversation.Id);
        asParent.TotalUnread.Should().Be(1, "the minor's confidential messages are not counted for the representative either");
        await openedByParent.Should().ThrowAsync<ResourceNotFoundException>();
        await replyByParent.Should().ThrowAsync<ResourceNotFoundException>();
        exportByParent.Conversations.Select(c => c.Conversation.Id).Should().Equal(ordinary.Conversation.Id);
        asMinor.Conversations.Should().HaveCount(2);
        asMinor.Conversations.Single(c => c.Id == confidential.Conversation.Id).MinorOnly.Should().BeTrue("the flag holds for the whole conversation");
        minor.MinorOnlyLines.Should().HaveCount(5, "the start, the later message, the representative's two tries (recorded, then not found) and the professional's read")
            .And.AllSatisfy(l => l.Should().Contain(confidential.Conversation.Id));
        minor.PrivateNotices.Should().BeEquivalentTo([$"inbox:{confidential.Conversation.Id}:1", $"inbox:{confidential.Conversation.Id}:2"]);
        minor.Notices.Should().Contain(($"inbox:{ordinary.Conversation.Id}:1", NoticeKind.NewMessage));
    }

    [Fact]
    public async Task A_resend_with_the_sender_s_own_id_finds_the_same_message_and_announces_nothing_more()
    {
        var inbox = Facet();
        var first = await inbox.StartConversationAsync(Callers.Physician(), "Ordonnance", Text("Voici votre ordonnance.", "msg-1"));

        var again = await inbox.StartConversationAsync(Callers.Physician(), "Ordonnance", Text("Voici votre ordonnance.", "msg-1"));

        again.Created.Should().BeFalse();
        again.Message.Should().BeEquivalentTo(first.Message);
        again.Conversation.MessageCount.Should().Be(1);
        space.Notices.Should().ContainSingle();
    }

    [Fact]
    public async Task Only_professionals_start_conversations_and_each_sees_only_their_own()
    {
        var inbox = Facet();
        var started = await inbox.StartConversationAsync(Callers.Physician("10000000001"), "Suivi", Text("Bonjour."));

        var byPatient = () => inbox.StartConversationAsync(Callers.Holder(space.Person), "Question", Text("Bonjour ?"));
        var byOther = () => inbox.ReadConversationAsync(Callers.Physician("10000000002"), started.Conversation.Id);
        var otherList = await inbox.GetInboxAsync(Callers.Physician("10000000002"));

        await byPatient.Should().ThrowAsync<AccessDeniedException>();
        await byOther.Should().ThrowAsync<ResourceNotFoundException>("another professional's conversation is not there for this one");
        otherList.Conversations.Should().BeEmpty();
        state.State.Conversations[started.Conversation.Id].UnreadCount.Should().Be(1, "nobody on the person's side read it");
    }

    [Fact]
    public async Task A_message_whose_count_could_not_be_written_is_not_acknowledged()
    {
        var inbox = Facet();
        state.FailNextWrite = true;

        var start = () => inbox.StartConversationAsync(Callers.Physician(), "Suivi", Text("Bonjour."));

        await start.Should().ThrowAsync<TimeoutException>();
        state.Writes.Should().Be(0);
    }

    [Fact]
    public async Task One_professional_cannot_fill_an_inbox_others_still_reach_it()
    {
        var inbox = Facet();
        for (var i = 0; i < InboxLimits.MaxConversationsPerSender; i++)
        {
            await inbox.StartConversationAsync(Callers.Physician("10000000001"), $"Relance {i}", Text("Bonjour."));
        }

        var oneMore = () => inbox.StartConversationAsync(Callers.Physician("10000000001"), "Encore", Text("Bonjour."));
        var another = await inbox.StartConversationAsync(Callers.Physician("10000000002"), "Suivi", Text("Bonjour."));

        (await oneMore.Should().ThrowAsync<StateConflictException>()).Which.Message.Should().Contain($"{InboxLimits.MaxConversationsPerSender} conversations");
        another.Conversation.ProfessionalId.Should().Be("10000000002");
        state.State.Conversations.Should().HaveCount(InboxLimits.MaxConversationsPerSender + 1);
    }
}
