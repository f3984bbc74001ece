using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Tests.Inbox;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Notices;

/// <summary>The application on PostgreSQL with its dispatcher on, towards a real SMTP server started by the test.</summary>
public sealed class DeliveryFixture : HealthSpaceFixture
{
    public SmtpTestServer Smtp { get; } = SmtpTestServer.Start();

    protected override IReadOnlyDictionary<string, string> Settings => Smtp.DeliverySettings();

    public HttpClient Operator => App.ClientFor("operator", "op-notices");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Notices that reach the person: addressed from their contact details, delivered by e-mail, failures for the operators.</summary>
public sealed class NoticeDeliveryTests(DeliveryFixture fixture) : IClassFixture<DeliveryFixture>
{
    [Fact]
    public async Task A_new_message_is_emailed_to_the_address_the_person_set_by_name_without_its_content()
    {
        var person = await fixture.OpenSpaceAsync();
        var address = $"claire.{person.Value[^6..]}@example.org";
        (await fixture.App.PatientClient(person).PutAsJsonAsync("/api/v1/me/contact", new { email = address, recipientName = "Claire Martin" })).EnsureSuccessStatusCode();

        (await Communications.PostAsync(fixture.App.ProfessionalClient("10003456789"), Communications.Start(person, "Résultats de biopsie", "Le prélèvement est bénin."))).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.Smtp.Messages.Any(m => m.To.Mailboxes.Any(b => b.Address == address))), TimeSpan.FromSeconds(20), "the e-mail at the SMTP server");

        var message = fixture.Smtp.Messages.Single(m => m.To.Mailboxes.Any(b => b.Address == address));
        (message.Subject, message.To.Mailboxes.Single().Name).Should().Be(("Vous avez un nouveau message", "Claire Martin"));
        $"{message.Subject} {message.TextBody}".Should().NotContainAny("biopsie", "bénin", "prélèvement", person.Value);
        await Eventually.HoldsAsync(async () => await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE email = @e AND sent_at IS NOT NULL", ("e", address)) == 1,
            TimeSpan.FromSeconds(10), "the notice marked sent");
        var export = await fixture.Operator.GetStringAsync("/api/v1/notices?format=csv");
        export.Should().NotContain(address, "the mailing service's export holds letters only while the dispatcher delivers the rest");
    }

    [Fact]
    public async Task A_refused_address_is_given_up_and_shown_to_operators_masked_who_may_retry_it()
    {
        var person = await fixture.OpenSpaceAsync();
        var address = $"nobody.{person.Value[^6..]}@example.org";
        fixture.Smtp.Refused[address] = true;
        (await fixture.App.PatientClient(person).PutAsJsonAsync("/api/v1/me/contact", new { email = address })).EnsureSuccessStatusCode();

        (await Communications.PostAsync(fixture.App.ProfessionalClient("10003456789"), Communications.Start(person, "Rendez-vous", "Merci de rappeler."))).EnsureSuccessStatusCode();
        UndeliveredNotice? failed = null;
        await Eventually.HoldsAsync(async () =>
        {
            var undelivered = await (await fixture.Operator.GetAsync("/api/v1/notices/undelivered?limit=1000")).ReadAsAsync<UndeliveredNotice[]>();
            failed = undelivered.FirstOrDefault(n => n.Recipient == $"n***@example.org" && n.FailedAt is not null);
            return failed is not null;
        }, TimeSpan.FromSeconds(20), "the given-up notice in the operators' view");

        failed!.LastError.Should().StartWith("SMTP 550");
        (failed.Kind, failed.Attempts).Should().Be((NoticeKind.NewMessage, 1));
        (await fixture.Operator.PostAsync($"/api/v1/notices/{failed.Id}/retry", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await fixture.Operator.PostAsync($"/api/v1/notices/{long.MaxValue}/retry", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await fixture.App.PatientClient(person).GetAsync("/api/v1/notices/undelivered")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
