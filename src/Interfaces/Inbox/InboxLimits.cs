namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>The bounds of the secure inbox: they keep grain state small and requests of a sane size.</summary>
public static class InboxLimits
{
    /// <summary>Characters of a message's text.</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>Characters of a conversation's subject.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>Characters of an attachment's title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Characters of a sender's own message identifier.</summary>
    public const int MaxClientIdLength = 256;

    /// <summary>Attachments of one message.</summary>
    public const int MaxAttachments = 5;

    /// <summary>Bytes of one attachment (10 MiB).</summary>
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    /// <summary>Conversations kept per person: the summaries live in grain state.</summary>
    public const int MaxConversations = 500;

    /// <summary>
    /// Conversations one professional may start in one person's inbox: well under <see cref="MaxConversations"/>, so one
    /// sender cannot fill an inbox and shut the others out.
    /// </summary>
    public const int MaxConversationsPerSender = 50;

    /// <summary>Messages of one conversation.</summary>
    public const int MaxMessagesPerConversation = 500;

    /// <summary>Messages of one search page.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Conversations of one export page.</summary>
    public const int MaxExportPage = 100;

    /// <summary>
    /// Bytes of a request that posts a message: every attachment at its largest, base64-encoded (4/3), plus the text
    /// and the JSON around them.
    /// </summary>
    public const long MaxRequestBytes = (long)MaxAttachments * MaxAttachmentBytes / 3 * 4 + (4 * 1024 * 1024);

    /// <summary>The media types an attachment may have (those of patient documents).</summary>
    public static readonly IReadOnlySet<string> MediaTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "application/pdf", "image/jpeg", "image/png", "application/rtf", "text/rtf", "image/tiff", "text/plain",
    };
}
