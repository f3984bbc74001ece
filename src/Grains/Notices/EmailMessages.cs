using MimeKit;

namespace MonEspaceSante.Grains.Notices;

/// <summary>
/// A notice as a MIME message. Its Message-ID is the notice's own (<c>notice-&lt;id&gt;@&lt;sender's domain&gt;</c>): sent
/// again after a silo died between the server's acceptance and the outbox's mark, it is the same message, which receiving
/// servers and clients fold into one.
/// </summary>
public static class EmailMessages
{
    public static MimeMessage Of(DueNotice notice, MailboxAddress from)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(from);
        var (subject, text) = NoticeMessages.Compose(notice);
        var message = new MimeMessage
        {
            Subject = subject,
            Body = new TextPart("plain") { Text = text },
            MessageId = $"notice-{notice.Id}@{from.Domain}",
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(notice.RecipientName ?? "", notice.Email ?? throw new ArgumentException("A notice by e-mail has an address.", nameof(notice))));
        message.Headers.Add("X-Mes-Notice", notice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }
}
