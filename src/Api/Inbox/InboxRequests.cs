namespace MonEspaceSante.Api.Inbox;

/// <summary>A reply of the person: text and/or attachments; <see cref="ClientId"/> makes a resend change nothing.</summary>
public sealed record ReplyRequest(string? Text, IReadOnlyList<AttachmentRequest>? Attachments, string? ClientId);

/// <summary>An attachment of a reply: media type, title and bytes (base64 in JSON).</summary>
public sealed record AttachmentRequest(string? ContentType, string? Title, byte[]? Data);

/// <summary>How to file an attachment among the documents: class (TRE_A03, "90" by default) and title (the attachment's by default).</summary>
public sealed record SaveToDocumentsRequest(string? ClassCode, string? Title);
