using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Inbox;

namespace MonEspaceSante.Grains.Inbox;

/// <summary>The inbox, reading side: the list with unread counts, conversations, search, attachments, export.</summary>
internal sealed partial class InboxFacet
{
    public async Task<InboxOverview> GetInboxAsync(Accessor accessor)
    {
        await inbox.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Inbox, SpaceAction.Read, "inbox");
        var conversations = VisibleConversations(grant)
            .OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.StartedAt).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(Summarise).ToList();
        return new InboxOverview(conversations, conversations.Sum(c => c.UnreadCount));
    }

    public async Task<ConversationView> ReadConversationAsync(Accessor accessor, string conversationId)
    {
        await inbox.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Inbox, SpaceAction.Read, ConversationResource(conversationId), minorOnly: IsMinorOnly(conversationId));
        var conversation = VisibleConversation(grant, conversationId);
        var messages = await store.ReadConversationsAsync(Ins, [(conversation.Id, conversation.MessageCount)]);
        // Only the person themself reads their messages: a legal representative's look leaves them unread for the minor.
        if (grant.IsHolder && conversation.UnreadCount > 0)
        {
            conversation.UnreadCount = 0;
            await inbox.WriteStateAsync();
        }

        return new ConversationView(Summarise(conversation), messages);
    }

    public async Task<InboxSearchPage> SearchMessagesAsync(Accessor accessor, int offset, int count)
    {
        if (count < 1 || count > InboxLimits.MaxPageSize)
        {
            throw new InvalidInputException("_count", $"a whole number from 1 to {InboxLimits.MaxPageSize}");
        }

        if (offset < 0)
        {
            throw new InvalidInputException("_page", "a page number from 1");
        }

        await inbox.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Inbox, SpaceAction.Read, "messages search");
        var conversations = VisibleConversations(grant).ToList();
        var total = conversations.Sum(c => c.MessageCount);
        var messages = conversations.Count == 0 || offset >= total
            ? []
            : await store.PageAsync(Ins, conversations.Select(c => (c.Id, c.MessageCount)).ToList(), offset, count);
        var ids = messages.Select(m => m.ConversationId).ToHashSet(StringComparer.Ordinal);
        return new InboxSearchPage(messages, conversations.Where(c => ids.Contains(c.Id)).Select(Summarise).ToList(), total);
    }

    public async Task<ConversationView> GetMessageAsync(Accessor accessor, string conversationId, int seq)
    {
        await inbox.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Inbox, SpaceAction.Read, ConversationResource(conversationId, seq), minorOnly: IsMinorOnly(conversationId));
        var (conversation, message) = await VisibleMessageAsync(grant, conversationId, seq);
        return new ConversationView(Summarise(conversation), [message]);
    }

    public async Task<InboxAttachmentContent> GetAttachmentAsync(Accessor accessor, string conversationId, int seq, int index)
    {
        await inbox.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Inbox, SpaceAction.Read, ConversationResource(conversationId, seq, index), minorOnly: IsMinorOnly(conversationId));
        var (_, message) = await VisibleMessageAsync(grant, conversationId, seq);
        if (index < 0 || index >= message.Attachments.Count)
        {
            throw new ResourceNotFoundException($"Message {message.Id} has no attachment {index} (it has {message.Attachments.Count}, numbered from 0).");
        }

        var attachment = message.Attachments[index];
        var content = await store.ReadContentAsync(attachment.Sha256)
            ?? throw new InvalidOperationException("An acknowledged attachment has no content row.");
        return new InboxAttachmentContent(attachment.MediaType, attachment.Title, message.SentAt, content);
    }

    public async Task<InboxExportPage> ExportAsync(Accessor accessor, string? after, int limit)
    {
        if (limit < 1 || limit > InboxLimits.MaxExportPage)
        {
            throw new InvalidInputException("limit", $"a whole number from 1 to {InboxLimits.MaxExportPage}");
        }

        await inbox.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Export, SpaceAction.Read, "inbox export");
        var ordered = VisibleConversations(grant).OrderBy(c => c.StartedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var start = 0;
        if (after is not null)
        {
            start = ordered.FindIndex(c => c.Id == after) + 1;
            if (start == 0)
            {
                throw new InvalidInputException("after", "not a cursor of this export");
            }
        }

        var page = ordered.Skip(start).Take(limit).ToList();
        var messages = page.Count == 0 ? [] : await store.ReadConversationsAsync(Ins, page.Select(c => (c.Id, c.MessageCount)).ToList());
        var byConversation = messages.ToLookup(m => m.ConversationId, StringComparer.Ordinal);
        var views = page.Select(c => new ConversationView(Summarise(c), byConversation[c.Id].ToList())).ToList();
        return new InboxExportPage(views, start + page.Count < ordered.Count ? page[^1].Id : null);
    }

    private async Task<(ConversationState Conversation, InboxMessage Message)> VisibleMessageAsync(SpaceGrant grant, string conversationId, int seq)
    {
        var conversation = VisibleConversation(grant, conversationId);
        var message = seq >= 1 && seq <= conversation.MessageCount ? await store.ReadAsync(Ins, conversation.Id, seq) : null;
        return (conversation, message ?? throw new ResourceNotFoundException($"No message {InboxIds.Message(conversationId, seq)} in this inbox."));
    }
}
