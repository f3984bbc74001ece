namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>A message to post: text and/or attachments (at least one of them).</summary>
/// <param name="Text">The text, at most <see cref="InboxLimits.MaxTextLength"/> characters; may be empty when there are attachments.</param>
/// <param name="Attachments">Up to <see cref="InboxLimits.MaxAttachments"/> attachments of the accepted media types.</param>
/// <param name="ClientId">The sender's own identifier of the message (FHIR <c>Communication.identifier</c>): a resend with the same one changes nothing.</param>
/// <param name="InReplyTo">The message (number in the conversation) this one answers, checked to exist; null when unsaid.</param>
/// <param name="MinorOnly">
/// For the first message of a conversation: the conversation is for a minor alone (confidential care, label
/// <c>INVISIBLE_REPRESENTANTS_LEGAUX</c>), hidden from their legal representatives; ignored on later messages.
/// </param>
[GenerateSerializer, Immutable, Alias("mes.OutgoingMessage")]
public sealed record OutgoingMessage(
    [property: Id(0)] string? Text,
    [property: Id(1)] IReadOnlyList<AttachmentUpload> Attachments,
    [property: Id(2)] string? ClientId = null,
    [property: Id(3)] int? InReplyTo = null,
    [property: Id(4)] bool MinorOnly = false);
