using System.Globalization;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>
/// The rules a message must follow, in one place: the API checks them first to name the fields of its own format
/// (JSON or FHIR), and the grain checks them again for every caller.
/// </summary>
public static class InboxRules
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] TiffLittle = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBig = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] Rtf = "{\\rtf"u8.ToArray();

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first field that breaks a rule.</summary>
    /// <param name="message">The message.</param>
    /// <param name="textField">How the text is named in the request.</param>
    /// <param name="attachmentsField">How the list of attachments is named.</param>
    /// <param name="attachmentField">How attachment <c>i</c> is named (its <c>contentType</c>, <c>data</c> and <c>title</c> are under it).</param>
    public static void Check(OutgoingMessage message, string textField, string attachmentsField, Func<int, string> attachmentField)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(attachmentField);
        var attachments = message.Attachments ?? [];
        if (message.Text is { Length: > InboxLimits.MaxTextLength } text)
        {
            throw new InvalidInputException(textField, Invariant($"is {text.Length} characters long; at most {InboxLimits.MaxTextLength}"));
        }

        if (string.IsNullOrWhiteSpace(message.Text) && attachments.Count == 0)
        {
            throw new InvalidInputException(textField, "a message needs text or at least one attachment");
        }

        if (attachments.Count > InboxLimits.MaxAttachments)
        {
            throw new InvalidInputException(attachmentsField, Invariant($"{attachments.Count} attachments; at most {InboxLimits.MaxAttachments} per message"));
        }

        if (message.ClientId is { Length: > InboxLimits.MaxClientIdLength })
        {
            throw new InvalidInputException("identifier", Invariant($"at most {InboxLimits.MaxClientIdLength} characters"));
        }

        for (var i = 0; i < attachments.Count; i++)
        {
            CheckAttachment(attachments[i], attachmentField(i));
        }
    }

    /// <summary>The subject of a new conversation, trimmed; "Sans objet" when none is given.</summary>
    public static string Subject(string? subject, string field)
    {
        var trimmed = subject?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "Sans objet";
        }

        return trimmed.Length <= InboxLimits.MaxSubjectLength
            ? trimmed
            : throw new InvalidInputException(field, Invariant($"is {trimmed.Length} characters long; at most {InboxLimits.MaxSubjectLength}"));
    }

    /// <summary>A media type in lower case without its parameters (<c>text/plain; charset=utf-8</c> is <c>text/plain</c>).</summary>
    public static string NormaliseMediaType(string? mediaType) =>
        (mediaType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();

    /// <summary>The title an attachment is shown with: its own, or "Pièce jointe n".</summary>
    public static string Title(AttachmentUpload attachment, int index)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return string.IsNullOrWhiteSpace(attachment.Title) ? Invariant($"Pièce jointe {index + 1}") : attachment.Title.Trim();
    }

    private static void CheckAttachment(AttachmentUpload attachment, string field)
    {
        if (attachment is null)
        {
            throw new InvalidInputException(field, "is empty");
        }

        var mediaType = NormaliseMediaType(attachment.MediaType);
        if (!InboxLimits.MediaTypes.Contains(mediaType))
        {
            throw new InvalidInputException(field + ".contentType", mediaType.Length == 0
                ? "is required"
                : $"'{mediaType}' is not accepted; one of {string.Join(", ", InboxLimits.MediaTypes)}");
        }

        if (attachment.Content is not { Length: > 0 } content)
        {
            throw new InvalidInputException(field + ".data", "is required: the content, inline and base64-encoded");
        }

        if (content.Length > InboxLimits.MaxAttachmentBytes)
        {
            throw new InvalidInputException(field + ".data", Invariant($"is {content.Length} bytes; at most {InboxLimits.MaxAttachmentBytes} (10 MiB)"));
        }

        if (!Matches(mediaType, content))
        {
            throw new InvalidInputException(field + ".data", $"the content is not {mediaType}");
        }

        if (attachment.Title is { Length: > InboxLimits.MaxTitleLength })
        {
            throw new InvalidInputException(field + ".title", Invariant($"at most {InboxLimits.MaxTitleLength} characters"));
        }
    }

    // The declared type must fit the bytes: an attachment is opened by the person's device on the type's word.
    private static bool Matches(string mediaType, byte[] content) => mediaType switch
    {
        "application/pdf" => content.AsSpan().StartsWith(Pdf),
        "image/jpeg" => content.AsSpan().StartsWith(Jpeg),
        "image/png" => content.AsSpan().StartsWith(Png),
        "image/tiff" => content.AsSpan().StartsWith(TiffLittle) || content.AsSpan().StartsWith(TiffBig),
        "application/rtf" or "text/rtf" => content.AsSpan().StartsWith(Rtf),
        "text/plain" => System.Text.Unicode.Utf8.IsValid(content) && !content.AsSpan().Contains((byte)0),
        _ => false,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
