using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer library on a free loopback port): it keeps every message it
/// accepts, refuses the recipients it is told to refuse (550), and answers 451 to the first attempts it is told to delay.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;
    private readonly Store store;

    private SmtpTestServer(int port)
    {
        Port = port;
        store = new Store();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var provider = new ServiceProvider();
        provider.Add((IMessageStore)store);
        provider.Add((IMailboxFilter)store);
        running = new SmtpServer.SmtpServer(options, provider).StartAsync(stop.Token);
    }

    public int Port { get; }

    /// <summary>Every message accepted, in order.</summary>
    public IReadOnlyCollection<MimeMessage> Messages => store.Received;

    /// <summary>Recipients refused for good (550 mailbox unavailable).</summary>
    public ConcurrentDictionary<string, bool> Refused => store.Refused;

    /// <summary>Recipients refused for now (451) this many more times.</summary>
    public ConcurrentDictionary<string, int> DelayedTimes => store.Delayed;

    public static SmtpTestServer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpTestServer(port);
    }

    /// <summary>The settings that point the application's dispatcher at this server.</summary>
    public Dictionary<string, string> DeliverySettings() => new()
    {
        ["Notices:Delivery:Enabled"] = "true",
        ["Notices:Delivery:Email:Mode"] = "Smtp",
        ["Notices:Delivery:Email:Host"] = "127.0.0.1",
        ["Notices:Delivery:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notices:Delivery:Email:Security"] = "None",
        ["Notices:Delivery:Email:From"] = "Mon espace santé <ne-pas-repondre@mes.test>",
        ["Notices:Delivery:PollInterval"] = "00:00:00.100",
        ["Notices:Delivery:FirstRetryDelay"] = "00:00:00.200",
        ["Notices:Delivery:MaxAttempts"] = "3",
        ["Notices:Delivery:Push:Mode"] = "None",
        ["Notices:Delivery:Sms:Mode"] = "None",
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private sealed class Store : MessageStore, IMailboxFilter
    {
        public ConcurrentQueue<MimeMessage> Received { get; } = new();

        public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

        public ConcurrentDictionary<string, int> Delayed { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = $"{to.User}@{to.Host}";
            if (Refused.ContainsKey(address))
            {
                throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "no such mailbox"));
            }

            if (Delayed.TryGetValue(address, out var times) && times > 0)
            {
                Delayed[address] = times - 1;
                throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.Unavailable, "try again later"));
            }

            return Task.FromResult(true);
        }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
