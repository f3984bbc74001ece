using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>One message of a conversation, as stored.</summary>
/// <param name="ConversationId">Its conversation.</param>
/// <param name="Seq">Its number in the conversation, from 1.</param>
/// <param name="SenderRole">Professional, or Patient for the person or a legal representative.</param>
/// <param name="SenderId">The RPPS number of a professional, the INS of the person or of the representative who wrote.</param>
/// <param name="SentAt">When the server accepted it.</param>
/// <param name="Text">Its text (possibly empty when it carries attachments).</param>
/// <param name="Attachments">Its attachments, in order (index from 0).</param>
[GenerateSerializer, Immutable, Alias("mes.InboxMessage")]
public sealed record InboxMessage(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] int Seq,
    [property: Id(2)] AccessorRole SenderRole,
    [property: Id(3)] string SenderId,
    [property: Id(4)] DateTimeOffset SentAt,
    [property: Id(5)] string Text,
    [property: Id(6)] IReadOnlyList<InboxAttachment> Attachments)
{
    /// <summary>The message id, also its FHIR <c>Communication.id</c>: <c>{conversation}-{seq}</c>.</summary>
    public string Id => InboxIds.Message(ConversationId, Seq);
}
