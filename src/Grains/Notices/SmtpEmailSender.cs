using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Notices;

/// <summary>
/// E-mail through an SMTP server with MailKit: a batch is split over <see cref="EmailDelivery.Connections"/> connections
/// sending at once. A refusal in the 5xx range (no such mailbox) gives the notice up; a 4xx refusal, a lost connection or
/// a server out of reach makes it due again later.
/// </summary>
public sealed class SmtpEmailSender(EmailDelivery settings) : INoticeSender
{
    private readonly MailboxAddress from = MailboxAddress.Parse(settings.From);

    public NoticeChannel Channel => NoticeChannel.Email;

    public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        var size = Math.Max(1, (int)Math.Ceiling(notices.Count / (double)Math.Max(1, settings.Connections)));
        var parts = await Task.WhenAll(notices.Chunk(size).Select(part => SendOverOneConnectionAsync(part, cancellationToken)));
        return [.. parts.SelectMany(p => p)];
    }

    private async Task<IReadOnlyList<SendResult>> SendOverOneConnectionAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken)
    {
        var results = new SendResult[notices.Count];
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.Host ?? "localhost", settings.Port, Security(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or SmtpCommandException or AuthenticationException or SslHandshakeException)
        {
            Array.Fill(results, new SendResult(SendOutcome.Retry, $"SMTP server {settings.Host}:{settings.Port} unavailable: {e.GetType().Name}"));
            return results;
        }

        for (var i = 0; i < notices.Count; i++)
        {
            results[i] = notices[i].Email is null
                ? new SendResult(SendOutcome.GiveUp, "no e-mail address")
                : await SendOneAsync(client, notices[i], cancellationToken);
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        return results;
    }

    private async Task<SendResult> SendOneAsync(SmtpClient client, DueNotice notice, CancellationToken cancellationToken)
    {
        if (!client.IsConnected)
        {
            return new SendResult(SendOutcome.Retry, "the SMTP connection was lost earlier in the batch");
        }

        try
        {
            await client.SendAsync(EmailMessages.Of(notice, from), cancellationToken);
            return SendResult.Sent;
        }
        catch (SmtpCommandException e)
        {
            var permanent = (int)e.StatusCode >= 500;
            return new SendResult(permanent ? SendOutcome.GiveUp : SendOutcome.Retry, $"SMTP {(int)e.StatusCode} {e.ErrorCode}");
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or ServiceNotConnectedException)
        {
            return new SendResult(SendOutcome.Retry, $"SMTP connection failed: {e.GetType().Name}");
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
