namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>The inbox: conversations, newest activity first, and the person's unread messages in all of them.</summary>
/// <param name="Conversations">The conversations.</param>
/// <param name="TotalUnread">The sum of their unread counts.</param>
[GenerateSerializer, Immutable, Alias("mes.InboxOverview")]
public sealed record InboxOverview(
    [property: Id(0)] IReadOnlyList<ConversationSummary> Conversations,
    [property: Id(1)] int TotalUnread);

/// <summary>One conversation and its messages, oldest first.</summary>
/// <param name="Conversation">The conversation (unread count as it is after this read).</param>
/// <param name="Messages">Its messages.</param>
[GenerateSerializer, Immutable, Alias("mes.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] ConversationSummary Conversation,
    [property: Id(1)] IReadOnlyList<InboxMessage> Messages);

/// <summary>A page of messages across conversations, newest first, with the conversations they belong to.</summary>
/// <param name="Messages">The messages of the page.</param>
/// <param name="Conversations">The conversations of those messages.</param>
/// <param name="Total">How many messages match in all.</param>
[GenerateSerializer, Immutable, Alias("mes.InboxSearchPage")]
public sealed record InboxSearchPage(
    [property: Id(0)] IReadOnlyList<InboxMessage> Messages,
    [property: Id(1)] IReadOnlyList<ConversationSummary> Conversations,
    [property: Id(2)] int Total);

/// <summary>A page of the inbox export; <see cref="Next"/> (null on the last page) continues it.</summary>
/// <param name="Conversations">Conversations with all their messages.</param>
/// <param name="Next">The cursor of the next page.</param>
[GenerateSerializer, Immutable, Alias("mes.InboxExportPage")]
public sealed record InboxExportPage(
    [property: Id(0)] IReadOnlyList<ConversationView> Conversations,
    [property: Id(1)] string? Next);

/// <summary>The bytes of an attachment, to download or save to documents.</summary>
/// <param name="MediaType">Its media type.</param>
/// <param name="Title">Its title.</param>
/// <param name="SentAt">When its message was sent.</param>
/// <param name="Content">Its bytes.</param>
[GenerateSerializer, Immutable, Alias("mes.InboxAttachmentContent")]
public sealed record InboxAttachmentContent(
    [property: Id(0)] string MediaType,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset SentAt,
    [property: Id(3)] byte[] Content);

/// <summary>What posting a message did: the stored message, its conversation, and whether it is new (false for a resend).</summary>
/// <param name="Message">The message.</param>
/// <param name="Conversation">Its conversation, after the post.</param>
/// <param name="Created">False when the same message (same client id) had already been stored.</param>
[GenerateSerializer, Immutable, Alias("mes.InboxPosted")]
public sealed record InboxPosted(
    [property: Id(0)] InboxMessage Message,
    [property: Id(1)] ConversationSummary Conversation,
    [property: Id(2)] bool Created);
