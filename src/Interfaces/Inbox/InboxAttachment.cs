namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>What is known of a stored attachment; its bytes are stored once by SHA-256.</summary>
/// <param name="Sha256">SHA-256 of the bytes, lower-case hex.</param>
/// <param name="MediaType">Its media type.</param>
/// <param name="Title">Its title (file name).</param>
/// <param name="Size">Its size in bytes.</param>
[GenerateSerializer, Immutable, Alias("mes.InboxAttachment")]
public sealed record InboxAttachment(
    [property: Id(0)] string Sha256,
    [property: Id(1)] string MediaType,
    [property: Id(2)] string Title,
    [property: Id(3)] long Size);
