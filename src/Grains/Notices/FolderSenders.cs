using System.Globalization;
using System.Text.Json;
using MimeKit;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Notices;

/// <summary>
/// The embedded default's e-mail: each notice written as <c>notice-&lt;id&gt;.eml</c> in a folder, which any mail client
/// opens. Writing it again replaces the file: a notice is one file however often it is attempted.
/// </summary>
public sealed class FolderEmailSender(EmailDelivery settings) : INoticeSender
{
    private readonly MailboxAddress from = MailboxAddress.Parse(settings.From);

    public NoticeChannel Channel => NoticeChannel.Email;

    public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        Directory.CreateDirectory(settings.Folder);
        var results = new List<SendResult>(notices.Count);
        foreach (var notice in notices)
        {
            if (notice.Email is null)
            {
                results.Add(new SendResult(SendOutcome.GiveUp, "no e-mail address"));
                continue;
            }

            var path = Path.Combine(settings.Folder, $"notice-{notice.Id.ToString(CultureInfo.InvariantCulture)}.eml");
            await EmailMessages.Of(notice, from).WriteToAsync(path, cancellationToken);
            results.Add(SendResult.Sent);
        }

        return results;
    }
}

/// <summary>
/// The development sink of push notifications and text messages: one JSON file per notice (the devices or number, and the
/// short text), in place of a provider. A notice without a device or a number is given up: nothing could reach the person.
/// </summary>
public sealed class FolderSinkSender(NoticeChannel channel, SinkDelivery settings) : INoticeSender
{
    public NoticeChannel Channel => channel;

    public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        Directory.CreateDirectory(settings.Folder);
        var results = new List<SendResult>(notices.Count);
        foreach (var notice in notices)
        {
            object? to = channel == NoticeChannel.Sms ? notice.Mobile : notice.PushTokens.Count > 0 ? notice.PushTokens : null;
            if (to is null)
            {
                results.Add(new SendResult(SendOutcome.GiveUp, channel == NoticeChannel.Sms ? "no mobile number" : "no device registered for push"));
                continue;
            }

            var path = Path.Combine(settings.Folder, $"{channel.ToString().ToLowerInvariant()}-{notice.Id.ToString(CultureInfo.InvariantCulture)}.json");
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { notice = notice.Id, kind = notice.Kind.ToString(), to, text = NoticeMessages.Short(notice) }), cancellationToken);
            results.Add(SendResult.Sent);
        }

        return results;
    }
}
