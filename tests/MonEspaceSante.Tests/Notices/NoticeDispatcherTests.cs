using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Notices;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;

namespace MonEspaceSante.Tests.Notices;

/// <summary>The dispatcher on a real outbox (PostgreSQL) towards a real SMTP server: once each, retried, given up.</summary>
public sealed class NoticeDispatcherTests : IAsyncLifetime
{
    private MigratedDatabase database = null!;
    private EnrollmentEffects effects = null!;
    private SmtpTestServer smtp = null!;

    private NpgsqlDataSource dataSource => database.DataSource;

    public async Task InitializeAsync()
    {
        database = await MigratedDatabase.CreateAsync("delivery");
        effects = new EnrollmentEffects(database.Tables);
        smtp = SmtpTestServer.Start();
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await effects.DisposeAsync();
        await database.DisposeAsync();
    }

    private DeliverySettings Settings(TimeSpan? lease = null) => new()
    {
        BatchSize = 20,
        Lease = lease ?? TimeSpan.FromMinutes(1),
        FirstRetryDelay = TimeSpan.FromMilliseconds(200),
        MaxAttempts = 3,
        Email = new EmailDelivery { Mode = EmailMode.Smtp, Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, From = "Mon espace santé <ne-pas-repondre@mes.test>" },
    };

    private NoticeDispatcher Dispatcher(DeliverySettings settings, INoticeSender? sender = null) =>
        new(database.Tables, settings, [sender ?? new SmtpEmailSender(settings.Email)], NullLogger<NoticeDispatcher>.Instance);

    private Task NoticesAsync(int count, string prefix = "p") => Task.WhenAll(Enumerable.Range(0, count).Select(i => effects.RecordNoticeAsync(
        new OutboxNotice($"{prefix}:{i}", NoticeKind.NewMessage, NoticeChannel.Email, $"{prefix}{i}@example.org", null, null, null) { RecipientName = $"Personne {i}" })));

    private static async Task DrainAsync(NoticeDispatcher dispatcher)
    {
        while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    [Fact]
    public async Task Two_dispatchers_over_one_outbox_send_each_notice_once()
    {
        await NoticesAsync(150);
        var settings = Settings();

        await Task.WhenAll(DrainAsync(Dispatcher(settings)), DrainAsync(Dispatcher(settings)));

        smtp.Messages.Should().HaveCount(150);
        smtp.Messages.Select(m => m.MessageId).Should().OnlyHaveUniqueItems();
        smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo(Enumerable.Range(0, 150).Select(i => $"p{i}@example.org"));
        (await dataSource.CountAsync("SELECT count(*) FROM mes_outbox WHERE sent_at IS NOT NULL AND attempts = 1")).Should().Be(150);
    }

    [Fact]
    public async Task A_notice_claimed_by_a_dispatcher_that_died_is_sent_once_by_another_when_the_lease_ends()
    {
        await NoticesAsync(1, "dead");
        var settings = Settings(lease: TimeSpan.FromSeconds(1));
        using var dying = new CancellationTokenSource();
        var hung = Dispatcher(settings, new HangingSender()).DispatchOnceAsync(dying.Token);
        await Eventually.HoldsAsync(async () => await dataSource.CountAsync("SELECT count(*) FROM mes_outbox WHERE lease_until IS NOT NULL") == 1, TimeSpan.FromSeconds(10), "the first dispatcher's claim");
        await dying.CancelAsync();
        await FluentActions.Awaiting(() => hung).Should().ThrowAsync<OperationCanceledException>();

        var survivor = Dispatcher(settings);
        var duringLease = await survivor.DispatchOnceAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var afterLease = await survivor.DispatchOnceAsync(CancellationToken.None);

        (duringLease, afterLease).Should().Be((0, 1));
        smtp.Messages.Should().ContainSingle().Which.Headers["X-Mes-Notice"].Should().NotBeNullOrEmpty();
        (await dataSource.CountAsync("SELECT count(*) FROM mes_outbox WHERE sent_at IS NOT NULL AND attempts = 2")).Should().Be(1);
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_after_a_backoff_and_a_permanent_one_is_given_up_for_the_operators()
    {
        smtp.DelayedTimes["later0@example.org"] = 1;
        smtp.Refused["bounce0@example.org"] = true;
        await NoticesAsync(1, "later");
        await NoticesAsync(1, "bounce");
        var dispatcher = Dispatcher(Settings());
        var store = new NoticeStore(dataSource);

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var undelivered = await store.GetUndeliveredAsync(0, 10);
        var tooSoon = await dispatcher.DispatchOnceAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);

        undelivered.Select(n => (n.Recipient, n.Attempts, n.FailedAt is not null)).Should().BeEquivalentTo([("l***@example.org", 1, false), ("b***@example.org", 1, true)]);
        undelivered.Single(n => n.FailedAt is not null).LastError.Should().StartWith("SMTP 550");
        tooSoon.Should().Be(0, "the temporary refusal waits its backoff");
        smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Should().Equal("later0@example.org");
        (await store.GetUndeliveredAsync(0, 10)).Select(n => n.Recipient).Should().Equal("b***@example.org");
    }

    [Fact]
    public async Task An_operator_retries_a_given_up_notice_and_it_is_delivered_once_the_cause_is_fixed()
    {
        smtp.Refused["fixed0@example.org"] = true;
        await NoticesAsync(1, "fixed");
        var dispatcher = Dispatcher(Settings());
        var store = new NoticeStore(dataSource);
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var id = (await store.GetUndeliveredAsync(0, 10)).Single().Id;

        smtp.Refused.Clear();
        var retried = await store.RetryAsync(id);
        var again = await store.RetryAsync(id);
        await dispatcher.DispatchOnceAsync(CancellationToken.None);

        (retried, again).Should().Be((true, false));
        smtp.Messages.Should().ContainSingle();
        (await store.GetUndeliveredAsync(0, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_message_names_its_recipient_and_says_nothing_of_health()
    {
        await effects.RecordNoticeAsync(new OutboxNotice("urgent:1", NoticeKind.UrgentAccess, NoticeChannel.Email, "claire@example.org", null, null, null) { RecipientName = "Claire Martin" });

        await DrainAsync(Dispatcher(Settings()));

        var message = smtp.Messages.Single();
        message.To.Mailboxes.Single().Name.Should().Be("Claire Martin");
        message.Subject.Should().Be("Un accès en urgence à votre profil");
        message.TextBody.Should().StartWith("Bonjour Claire Martin,").And.Contain("historique des accès");
        message.MessageId.Should().MatchRegex("^notice-[0-9]+@mes.test$");
        message.From.Mailboxes.Single().Address.Should().Be("ne-pas-repondre@mes.test");
    }

    /// <summary>A sender that never returns, as a silo that died mid-send.</summary>
    private sealed class HangingSender : INoticeSender
    {
        public NoticeChannel Channel => NoticeChannel.Email;

        public async Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }
}
