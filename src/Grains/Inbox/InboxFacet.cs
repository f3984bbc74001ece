using System.Security.Cryptography;
using System.Text;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Inbox;

namespace MonEspaceSante.Grains.Inbox;

/// <summary>
/// One person's secure inbox, writing side: professionals start conversations, the person (or a legal
/// representative) and that professional post in them. Each message row is written before the state that counts
/// it, so a 2xx always means the message is durable; a row the state does not count yet was never acknowledged.
/// Reading side: InboxFacet.Reads.cs.
/// </summary>
internal sealed partial class InboxFacet(IFacetState<InboxState> inbox, InboxMessageStore store, IPersonSpace space)
{
    public async Task<InboxPosted> StartConversationAsync(Accessor accessor, string subject, OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (accessor.Role != AccessorRole.Professional)
        {
            throw new AccessDeniedException(
                "Only health professionals start a conversation; the person replies within one (POST /api/v1/me/inbox/{conversationId}/messages).");
        }

        var title = InboxRules.Subject(subject, "subject");
        CheckMessage(message);

        // With the sender's own id the conversation id is derived from it: a resend after a failure finds (or rewrites) the same rows.
        var id = message.ClientId is null ? Guid.NewGuid().ToString("N") : DerivedConversationId(accessor.Id, message.ClientId);
        await inbox.LoadAsync();
        await space.AuthorizeAsync(accessor, SpaceBrick.Inbox, SpaceAction.Write, $"conversation {id}", minorOnly: message.MinorOnly || IsMinorOnly(id));
        if (inbox.State.Conversations.TryGetValue(id, out var existing))
        {
            var first = await store.ReadAsync(Ins, id, 1) ?? throw new InvalidOperationException("A counted message has no row.");
            return new InboxPosted(first, Summarise(existing), false);
        }

        if (inbox.State.Conversations.Values.Count(c => c.ProfessionalId == accessor.Id) >= InboxLimits.MaxConversationsPerSender)
        {
            throw new StateConflictException(
                $"You started {InboxLimits.MaxConversationsPerSender} conversations in this inbox, the most one professional may: continue one of them.");
        }

        if (inbox.State.Conversations.Count >= InboxLimits.MaxConversations)
        {
            throw new StateConflictException($"This inbox holds {InboxLimits.MaxConversations} conversations, its limit: continue an existing conversation.");
        }

        var conversation = new ConversationState { Id = id, Subject = title, ProfessionalId = accessor.Id, StartedAt = SentAt(), MinorOnly = message.MinorOnly };
        return await AppendAsync(conversation, accessor, message, isNew: true);
    }

    public async Task<InboxPosted> PostMessageAsync(Accessor accessor, string conversationId, OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        CheckMessage(message);
        await inbox.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Inbox, SpaceAction.Write, ConversationResource(conversationId), minorOnly: IsMinorOnly(conversationId));
        var conversation = VisibleConversation(grant, conversationId);
        if (message.InReplyTo is { } replied && (replied < 1 || replied > conversation.MessageCount))
        {
            throw new ResourceNotFoundException($"No message Communication/{InboxIds.Message(conversationId, replied)} in this conversation.");
        }

        if (message.ClientId is not null
            && await store.FindByClientIdAsync(Ins, conversation.Id, accessor.Id, message.ClientId, conversation.MessageCount) is { } sent)
        {
            return new InboxPosted(sent, Summarise(conversation), false);
        }

        if (conversation.MessageCount >= InboxLimits.MaxMessagesPerConversation)
        {
            throw new StateConflictException($"This conversation holds {InboxLimits.MaxMessagesPerConversation} messages, its limit.");
        }

        return await AppendAsync(conversation, accessor, message, isNew: false);
    }

    private async Task<InboxPosted> AppendAsync(ConversationState conversation, Accessor accessor, OutgoingMessage message, bool isNew)
    {
        var uploads = message.Attachments ?? [];
        var sentAt = SentAt();
        var stored = new InboxMessage(
            conversation.Id, conversation.MessageCount + 1, accessor.Role, accessor.Id, sentAt, message.Text ?? "",
            uploads.Select((a, i) => new InboxAttachment(
                InboxMessageStore.Hash(a.Content!), InboxRules.NormaliseMediaType(a.MediaType), InboxRules.Title(a, i), a.Content!.Length)).ToList());
        await store.WriteAsync(Ins, stored, uploads.Select(a => a.Content!).ToList(), message.ClientId);

        var toPerson = accessor.Role == AccessorRole.Professional;
        if (toPerson)
        {
            // "You have a new message": no subject, no text, no sender; one notice per message.
            // A minor's confidential conversation is announced by push to their own app: the space's e-mail address may be a representative's.
            await space.NotifyPersonAsync($"inbox:{conversation.Id}:{stored.Seq}", NoticeKind.NewMessage, privately: conversation.MinorOnly);
        }

        conversation.MessageCount = stored.Seq;
        conversation.LastMessageAt = sentAt;
        conversation.UnreadCount += toPerson ? 1 : 0;
        if (isNew)
        {
            inbox.State.Conversations[conversation.Id] = conversation;
        }

        await inbox.WriteStateAsync();
        return new InboxPosted(stored, Summarise(conversation), true);
    }

    /// <summary>
    /// The conversation if <paramref name="grant"/> may see it: the person's side sees every one, a professional the
    /// ones they started.
    /// </summary>
    private ConversationState VisibleConversation(SpaceGrant grant, string conversationId)
    {
        if (!InboxIds.IsConversation(conversationId) || !inbox.State.Conversations.TryGetValue(conversationId, out var conversation))
        {
            throw new ResourceNotFoundException($"No conversation {conversationId} in this inbox.");
        }

        if (!MaySee(grant, conversation))
        {
            // Another professional's conversation is not there for this one: the same answer as a conversation that does not exist.
            throw new ResourceNotFoundException($"No conversation {conversationId} in this inbox.");
        }

        return conversation;
    }

    private IEnumerable<ConversationState> VisibleConversations(SpaceGrant grant) => inbox.State.Conversations.Values.Where(c => MaySee(grant, c));

    /// <summary>The person's side sees every conversation but a legal representative not the minor's own; a professional sees the ones they started.</summary>
    private static bool MaySee(SpaceGrant grant, ConversationState conversation) => grant.Viewer switch
    {
        SpaceViewer.Representative => !conversation.MinorOnly,
        _ when grant.OnHolderSide => true,
        _ => conversation.ProfessionalId == grant.Accessor.Id,
    };

    /// <summary>Whether <paramref name="conversationId"/> is a minor's confidential conversation: its history lines are the minor's alone.</summary>
    private bool IsMinorOnly(string conversationId) => inbox.State.Conversations.TryGetValue(conversationId, out var c) && c.MinorOnly;

    /// <summary>What the access history says was reached: an id from the request is written only when it has the shape of one.</summary>
    private static string ConversationResource(string conversationId, int? seq = null, int? attachment = null)
    {
        if (!InboxIds.IsConversation(conversationId))
        {
            return "conversation (malformed id)";
        }

        var resource = seq is { } s ? $"message {InboxIds.Message(conversationId, s)}" : $"conversation {conversationId}";
        return attachment is { } n ? $"attachment {n} of {resource}" : resource;
    }

    private static ConversationSummary Summarise(ConversationState c) =>
        new(c.Id, c.Subject, c.ProfessionalId, c.StartedAt, c.LastMessageAt, c.MessageCount, c.UnreadCount, c.MinorOnly);

    private static void CheckMessage(OutgoingMessage message)
    {
        if (message is null)
        {
            throw new InvalidInputException("message", "is required");
        }

        InboxRules.Check(message, "text", "attachments", i => $"attachments[{i}]");
    }

    private string DerivedConversationId(string senderId, string clientId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Ins}\n{senderId}\n{clientId}")))[..32];

    private string Ins => space.Person.Value;

    // Whole milliseconds: the time acknowledged is the time read back from PostgreSQL and JSON, to the tick.
    private DateTimeOffset SentAt()
    {
        var now = space.Now;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
