using System.Buffers;
using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.EmbeddedPostgres;
using MonEspaceSante.Grains;
using MonEspaceSante.Grains.Notices;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Postgres.Schema;
using Npgsql;
using SmtpServer;
using SmtpServer.Storage;

namespace MonEspaceSante.Benchmarks.Notices;

/// <summary>
/// The dispatcher delivering an outbox of e-mails to an SMTP server in the same process, as two silos do (two dispatchers
/// sharing the outbox by leases), against its ceiling measured in the same run: MailKit sending the same messages to the
/// same server over as many connections, with no outbox at all.
/// </summary>
public static class NoticeBenchmark
{
    public static async Task RunAsync(int notices, int dispatchers, int batchSize, int connections)
    {
        await using var server = await ThrowawayPostgres.StartAsync(durable: true);
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("notices"));
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        await using var services = new ServiceCollection().AddSingleton(dataSource).BuildServiceProvider();
        var sink = new CountingStore();
        using var stop = new CancellationTokenSource();
        var port = FreePort();
        var smtp = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(), Provider(sink)).StartAsync(stop.Token);
        var email = new EmailDelivery { Mode = EmailMode.Smtp, Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, From = "Mon espace santé <ne-pas-repondre@bench.test>", Connections = connections };
        var cpu = new CpuMeter(server.DataDirectory);

        // Ceiling: the same messages over as many connections at once, straight from MailKit.
        var lanes = dispatchers * connections;
        var messages = Enumerable.Range(0, notices).Select(i => EmailMessages.Of(Due(i), MailboxAddress.Parse(email.From))).ToList();
        var ceilingStart = cpu.Take();
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(d => SendDirectAsync(messages.Where((_, i) => i % lanes == d).ToList(), email, Math.Max(1, batchSize / connections))));
        var ceiling = cpu.Take().Since(ceilingStart);
        var ceilingReceived = sink.Count;

        await using (var fill = dataSource.CreateCommand("""
            INSERT INTO mes_outbox (dedup_key, kind, channel, email, recipient_name)
            SELECT 'bench:' || g, 'NewMessage', 'Email', 'personne.' || g || '@example.org', 'Personne ' || g FROM generate_series(1, @n) g
            """))
        {
            fill.Parameters.AddWithValue("n", notices);
            await fill.ExecuteNonQueryAsync();
        }

        var settings = new DeliverySettings { BatchSize = batchSize, Email = email };
        var start = cpu.Take();
        await Task.WhenAll(Enumerable.Range(0, dispatchers).Select(async _ =>
        {
            var dispatcher = new NoticeDispatcher(new OwnTables(services), settings, [new SmtpEmailSender(email)], NullLogger<NoticeDispatcher>.Instance);
            while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
            {
            }
        }));
        var dispatched = cpu.Take().Since(start);
        await stop.CancelAsync();
        try
        {
            await smtp;
        }
        catch (OperationCanceledException)
        {
        }

        await using var sentCommand = dataSource.CreateCommand("SELECT count(*) FROM mes_outbox WHERE sent_at IS NOT NULL AND attempts = 1");
        var sent = (long)(await sentCommand.ExecuteScalarAsync())!;
        var rate = notices / dispatched.Wall;
        var ceilingRate = notices / ceiling.Wall;
        new ResultTable($"Notice dispatcher: {notices:#,0} e-mails, {dispatchers} dispatchers, batches of {batchSize} over {connections} SMTP connections each")
            .Add("dispatcher (claim, compose, SMTP, mark)", rate, "e-mails/s", $"{dispatched.Dotnet / dispatched.Wall:0.00} + {dispatched.Postgres / dispatched.Wall:0.00} cores (dotnet + PostgreSQL)")
            .Add($"ceiling: MailKit to the same server over {lanes} connections, no outbox", ceilingRate, "e-mails/s", $"{ceiling.Dotnet / ceiling.Wall:0.00} cores")
            .Add("share of the ceiling", 100 * rate / ceilingRate, "%")
            .Add("received by the SMTP server", sink.Count - ceilingReceived, "", $"expected {notices:#,0}")
            .Add("marked sent at the first attempt", sent, "", $"expected {notices:#,0}")
            .Print();
    }

    private static DueNotice Due(int i) => new(i, NoticeKind.NewMessage, NoticeChannel.Email, $"personne.{i}@example.org", null, [], $"Personne {i}", null, [], 1);

    private static async Task SendDirectAsync(List<MimeMessage> messages, EmailDelivery email, int batchSize)
    {
        foreach (var batch in messages.Chunk(batchSize))
        {
            using var client = new SmtpClient();
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, email.Port);
            await client.ConnectAsync(socket, email.Host ?? "127.0.0.1", email.Port, SecureSocketOptions.None);
            foreach (var message in batch)
            {
                await client.SendAsync(message);
            }

            await client.DisconnectAsync(quit: true);
        }
    }

    private static SmtpServer.ComponentModel.ServiceProvider Provider(CountingStore store)
    {
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add((IMessageStore)store);
        return provider;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class CountingStore : MessageStore
    {
        private long count;

        public long Count => Interlocked.Read(ref count);

        public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count);
            return Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
        }
    }
}
