using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>
/// The secure inbox facet of a person's grain (same grain, same key as <see cref="Patients.IPatientGrain"/>).
/// Only professionals start a conversation; the person (or a legal representative of a minor) replies within it;
/// the professional who started it is its only other participant. Conversation summaries and unread counts live in
/// grain state, message bodies and attachments in PostgreSQL. Every method checks the accessor against the
/// person's controls and records access by anyone but the holder.
/// </summary>
[Alias("mes.IPatientInboxGrain")]
public interface IPatientInboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// A professional opens a conversation about <paramref name="subject"/> with its first message. The message is
    /// stored before it is acknowledged and the person is notified (without its content). A resend with the same
    /// <see cref="OutgoingMessage.ClientId"/> changes nothing and returns the stored message.
    /// </summary>
    /// <param name="accessor">The professional (any other caller is refused).</param>
    /// <param name="subject">The conversation's subject, at most <see cref="InboxLimits.MaxSubjectLength"/> characters.</param>
    /// <param name="message">The first message.</param>
    [Alias("StartConversation")]
    Task<InboxPosted> StartConversationAsync(Accessor accessor, string subject, OutgoingMessage message);

    /// <summary>
    /// Adds a message to a conversation: a reply of the person (or their legal representative), or a further message
    /// of the professional who started it (the person is then notified).
    /// </summary>
    /// <param name="accessor">Who writes.</param>
    /// <param name="conversationId">The conversation (404 when this inbox has none by this id).</param>
    /// <param name="message">The message.</param>
    [Alias("PostMessage")]
    Task<InboxPosted> PostMessageAsync(Accessor accessor, string conversationId, OutgoingMessage message);

    /// <summary>The conversations the accessor may see, newest activity first, with unread counts (the person's).</summary>
    [Alias("GetInbox")]
    Task<InboxOverview> GetInboxAsync(Accessor accessor);

    /// <summary>
    /// A conversation with all its messages, oldest first. Read by the person or a legal representative, its messages
    /// count as read from then on; a professional reads only the conversations they started.
    /// </summary>
    /// <param name="accessor">Who reads.</param>
    /// <param name="conversationId">The conversation.</param>
    [Alias("ReadConversation")]
    Task<ConversationView> ReadConversationAsync(Accessor accessor, string conversationId);

    /// <summary>
    /// Messages the accessor may see across conversations, newest first (FHIR <c>Communication</c> search): every
    /// message for the person's side, only those of the conversations they started for a professional. Reading this
    /// way marks nothing read.
    /// </summary>
    /// <param name="accessor">Who searches.</param>
    /// <param name="offset">How many matching messages to skip.</param>
    /// <param name="count">Page size, 1 to <see cref="InboxLimits.MaxPageSize"/>.</param>
    [Alias("SearchMessages")]
    Task<InboxSearchPage> SearchMessagesAsync(Accessor accessor, int offset, int count);

    /// <summary>
    /// One message (FHIR read of a <c>Communication</c>) with its conversation, if the accessor may see it (404
    /// otherwise, as for a message that does not exist). Marks nothing read.
    /// </summary>
    [Alias("GetMessage")]
    Task<ConversationView> GetMessageAsync(Accessor accessor, string conversationId, int seq);

    /// <summary>The bytes of one attachment, with its media type, title and the time its message was sent.</summary>
    /// <param name="accessor">Who reads.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="seq">The message's number in its conversation, from 1.</param>
    /// <param name="index">The attachment's position in its message, from 0.</param>
    [Alias("GetAttachment")]
    Task<InboxAttachmentContent> GetAttachmentAsync(Accessor accessor, string conversationId, int seq, int index);

    /// <summary>
    /// For the whole-space export (holder or legal representative only): conversations with all their messages,
    /// oldest conversation first, <paramref name="limit"/> conversations per page; <see cref="InboxExportPage.Next"/>
    /// continues. Attachment bytes are read with <see cref="GetAttachmentAsync"/>. Marks nothing read.
    /// </summary>
    /// <param name="accessor">Who exports.</param>
    /// <param name="after">The <see cref="InboxExportPage.Next"/> of the previous page, or null for the first.</param>
    /// <param name="limit">Conversations per page, 1 to 100.</param>
    [Alias("Export")]
    Task<InboxExportPage> ExportAsync(Accessor accessor, string? after, int limit);
}
