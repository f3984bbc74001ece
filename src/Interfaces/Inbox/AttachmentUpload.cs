namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>An attachment sent with a message: its bytes, declared media type and title.</summary>
/// <param name="MediaType">One of <see cref="InboxLimits.MediaTypes"/>; the content must match it.</param>
/// <param name="Title">A title (file name) for the person; a default is given when null.</param>
/// <param name="Content">The bytes, at most <see cref="InboxLimits.MaxAttachmentBytes"/>.</param>
[GenerateSerializer, Immutable, Alias("mes.AttachmentUpload")]
public sealed record AttachmentUpload(
    [property: Id(0)] string? MediaType,
    [property: Id(1)] string? Title,
    [property: Id(2)] byte[]? Content);
