using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Api.Me;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Waves;

public sealed class WaveLifecycleTests(WaveApiFixture fixture) : IClassFixture<WaveApiFixture>
{
    [Fact]
    public async Task Launching_notifies_each_person_once_and_the_mailing_service_exports_one_notice_each()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var (byMail, byLetter, both) = (TestIns.Next(), TestIns.Next(), TestIns.Next());
        await fixture.UploadPeopleAsync(waveId, (byMail, "mail@example.fr", null), (byLetter, null, "3 rue Alsace, 31000 Toulouse"), (both, "both@example.fr", "4 rue Alsace"));

        var launched = await (await fixture.Operator.PostAsync($"/api/v1/waves/{waveId}/launch", null)).ReadAsAsync<WaveStatus>();
        var notified = await fixture.TickUntilAsync(waveId, WavePhase.Notified);
        await fixture.Wave(waveId).LaunchAsync();

        launched.Phase.Should().Be(WavePhase.Notifying);
        launched.Deadline.Should().Be(fixture.App.Clock.GetUtcNow() + TimeSpan.FromDays(42));
        notified.Outcomes[MemberOutcome.Notified].Should().Be(3);
        notified.Dispatched.Should().Be(3);
        var space = await (await fixture.App.PatientClient(byLetter).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();
        space.Status.Should().Be(EnrollmentStatus.Notified);
        space.CanOppose.Should().BeTrue();

        var export = await ExportAsync(waveId, "csv");
        export.Should().HaveCount(3);
        export.Select(n => n.Split(',')[2]).Should().BeEquivalentTo(["Email", "Letter", "Email"]);
        export.Should().ContainSingle(n => n.Contains("\"3 rue Alsace, 31000 Toulouse\"", StringComparison.Ordinal));
        export.Should().AllSatisfy(n => n.Should().EndWith(",Claire MARTIN"), "the letter, as every notice, names its recipient from the INS record's traits");
        export.Should().AllSatisfy(n => n.Should().Contain("OpeningAnnouncement").And.NotContain(byMail.Value).And.NotContain(byLetter.Value));

        var ids = export.Select(n => long.Parse(n.Split(',')[0], CultureInfo.InvariantCulture)).ToList();
        var marked = await (await fixture.Operator.PostAsJsonAsync("/api/v1/notices/sent", new { ids })).ReadAsAsync<NoticeAcknowledgement>();
        var markedAgain = await (await fixture.Operator.PostAsJsonAsync("/api/v1/notices/sent", new { ids = ids.Append(long.MaxValue) })).ReadAsAsync<NoticeAcknowledgement>();
        marked.Should().Be(new NoticeAcknowledgement(3, 0, 0));
        markedAgain.Should().Be(new NoticeAcknowledgement(0, 3, 1));
        (await ExportAsync(waveId, "ndjson")).Should().BeEmpty();
        (await fixture.OutboxAsync(waveId)).Should().HaveCount(3).And.OnlyContain(n => n.Sent);
    }

    [Fact]
    public async Task People_who_already_decided_are_counted_and_left_unchanged()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var (active, opposed, fresh) = (TestIns.Next(), TestIns.Next(), TestIns.Next());
        (await fixture.App.PatientClient(active).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        (await fixture.App.PatientClient(opposed).PostAsync("/api/v1/me/opposition", null)).EnsureSuccessStatusCode();
        await fixture.UploadPeopleAsync(waveId, (active, "a@example.fr", null), (opposed, "o@example.fr", null), (fresh, "f@example.fr", null));

        await fixture.Wave(waveId).LaunchAsync();
        var status = await fixture.TickUntilAsync(waveId, WavePhase.Notified);

        status.Outcomes.Where(o => o.Value > 0).Should().BeEquivalentTo(new Dictionary<MemberOutcome, long>
        {
            [MemberOutcome.AlreadyActive] = 1,
            [MemberOutcome.AlreadyOpposed] = 1,
            [MemberOutcome.Notified] = 1,
        });
        var activeSpace = await (await fixture.App.PatientClient(active).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();
        activeSpace.Should().BeEquivalentTo(new { Status = EnrollmentStatus.Active, ActivationMode = ActivationMode.Self });
        (await fixture.OutboxAsync(waveId)).Should().ContainSingle().Which.Email.Should().Be("f@example.fr");
    }

    [Fact]
    public async Task A_notice_already_in_the_outbox_does_not_keep_its_person_from_being_notified_nor_is_doubled()
    {
        // A call records its notices before the state (PatientGrain.ChangeAsync), so one that failed in
        // between leaves a notice without the state. The wave's first delivery inserts its notices
        // without ON CONFLICT; the one already there fails that insert, and the batch is written again
        // with ON CONFLICT DO NOTHING: the person is notified and has one notice.
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var (known, other) = (TestIns.Next(), TestIns.Next());
        await fixture.UploadPeopleAsync(waveId, (known, "known@example.fr", null), (other, "other@example.fr", null));
        await using (var written = fixture.Database.CreateCommand(
            "INSERT INTO mes_outbox (dedup_key, kind, channel, email, wave_id) VALUES (@key, 'OpeningAnnouncement', 'Email', 'known@example.fr', @wave)"))
        {
            written.Parameters.AddWithValue("key", $"announce:{waveId}:{known.Value}");
            written.Parameters.AddWithValue("wave", waveId);
            await written.ExecuteNonQueryAsync();
        }

        await fixture.Wave(waveId).LaunchAsync();
        var status = await fixture.TickUntilAsync(waveId, WavePhase.Notified);

        status.Outcomes[MemberOutcome.Notified].Should().Be(2);
        var space = await (await fixture.App.PatientClient(known).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();
        space.Status.Should().Be(EnrollmentStatus.Notified);
        var outbox = await fixture.OutboxAsync(waveId);
        outbox.Select(n => n.Email).Should().BeEquivalentTo(["known@example.fr", "other@example.fr"], "the notice already there is not doubled, and the other person's is written");
    }

    [Fact]
    public async Task People_oppose_until_the_deadline_and_everyone_else_is_opened_by_the_wave_with_a_notice()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId, windowDays: 45);
        var (self, byPhone, silent) = (TestIns.Next(), TestIns.Next(), TestIns.Next());
        await fixture.UploadPeopleAsync(waveId, (self, "s@example.fr", null), (byPhone, null, "1 rue A"), (silent, "z@example.fr", null));
        await fixture.Wave(waveId).LaunchAsync();
        await fixture.TickUntilAsync(waveId, WavePhase.Notified);

        (await fixture.App.PatientClient(self).PostAsync("/api/v1/me/opposition", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var onBehalf = await fixture.Operator.PostAsync($"/api/v1/patients/{byPhone.Value}/opposition", null);
        onBehalf.StatusCode.Should().Be(HttpStatusCode.OK);
        (await onBehalf.ReadAsAsync<SpaceResponse>()).OpposedBy.Should().Be(OppositionSource.Operator);
        var byPhoneHistory = await fixture.App.PatientClient(byPhone).GetFromJsonAsync<MonEspaceSante.Interfaces.Access.AccessHistoryPage>("/api/v1/me/access-history", Json.Options);
        byPhoneHistory!.Records.Should().ContainSingle(r => r.Resource == "opposition recorded on the person's behalf")
            .Which.Should().Match<MonEspaceSante.Interfaces.Access.AccessRecord>(r => r.Role == MonEspaceSante.Interfaces.Access.AccessorRole.Operator && r.ActorId == "operator-1",
                "the person sees which operator recorded it");
        (await fixture.Wave(waveId).TickAsync()).Phase.Should().Be(WavePhase.Notified, "the deadline has not passed");

        fixture.App.Clock.Advance(TimeSpan.FromDays(45));
        var completed = await fixture.TickUntilAsync(waveId, WavePhase.Completed);

        completed.Outcomes.Where(o => o.Value > 0).Should().BeEquivalentTo(new Dictionary<MemberOutcome, long>
        {
            [MemberOutcome.Opposed] = 2,
            [MemberOutcome.Opened] = 1,
        });
        var opened = await (await fixture.App.PatientClient(silent).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();
        opened.Should().BeEquivalentTo(new { Status = EnrollmentStatus.Active, ActivationMode = ActivationMode.Automatic });
        var late = await fixture.App.PatientClient(silent).PostAsync("/api/v1/me/opposition", null);
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).Should().Contain("closure");
        (await fixture.Operator.PostAsync($"/api/v1/patients/{silent.Value}/opposition", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await (await fixture.App.PatientClient(self).PostAsync("/api/v1/me/activation", null)).ReadAsAsync<SpaceResponse>())
            .Status.Should().Be(EnrollmentStatus.Active, "a person may still activate by themselves at any time");

        var outbox = await fixture.OutboxAsync(waveId);
        outbox.Where(n => n.Kind == "SpaceOpened").Should().ContainSingle().Which.Email.Should().Be("z@example.fr");
        outbox.Count(n => n.Kind == "OpeningAnnouncement").Should().Be(3);
    }

    [Fact]
    public async Task A_person_whose_deadline_passed_is_open_without_the_waves_event_and_gets_one_opened_notice()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId, windowDays: 50);
        var person = TestIns.Next();
        await fixture.UploadPeopleAsync(waveId, (person, "late@example.fr", null));
        await fixture.Wave(waveId).LaunchAsync();
        await fixture.TickUntilAsync(waveId, WavePhase.Notified);

        fixture.App.Clock.Advance(TimeSpan.FromDays(50));
        var space = await (await fixture.App.PatientClient(person).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();

        space.Should().BeEquivalentTo(new { Status = EnrollmentStatus.Active, ActivationMode = ActivationMode.Automatic });
        await fixture.TickUntilAsync(waveId, WavePhase.Completed);
        var outbox = await fixture.OutboxAsync(waveId);
        outbox.Count(n => n.Kind == "SpaceOpened").Should().Be(1, "the grain and the wave's deadline event record the same notice");
        (await fixture.Wave(waveId).GetStatusAsync()).Outcomes[MemberOutcome.Opened].Should().Be(1);
    }

    [Fact]
    public async Task People_uploaded_after_the_launch_are_notified_too()
    {
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var first = Enumerable.Range(0, 300).Select(_ => TestIns.Next()).ToList();
        await fixture.UploadPeopleAsync(waveId, first.Select(i => (i, (string?)$"{i.Value}@example.fr", (string?)null)).ToArray());
        await fixture.Wave(waveId).LaunchAsync();

        // Four files at once after the launch: their people get seqs in any commit order, and the
        // passes they reopen may be running or already done.
        var late = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 150).Select(_ => TestIns.Next()).ToList()).ToList();
        var responses = await Task.WhenAll(late.Select((people, file) => fixture.UploadAsync(
            waveId, $"late-{file}", string.Join('\n', people.Select(i => WaveApiFixture.Line(i, null, $"{file} rue Tardive"))))));
        responses.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.OK));
        var notified = await fixture.TickUntilAsync(waveId, WavePhase.Notified);

        notified.Outcomes[MemberOutcome.Notified].Should().Be(900);
        var outbox = await fixture.OutboxAsync(waveId);
        outbox.Should().HaveCount(900).And.OnlyContain(n => n.Kind == "OpeningAnnouncement");
        outbox.Count(n => n.Channel == "Letter").Should().Be(600);
    }

    [Fact]
    public async Task A_wave_has_one_durable_reminder_and_its_people_none()
    {
        var waveId = WaveApiFixture.NewWaveId();
        var response = await fixture.Operator.PostAsJsonAsync("/api/v1/waves", new { id = waveId, name = "Somme", territory = "80", startsAt = fixture.App.Clock.GetUtcNow().AddDays(2) });
        response.EnsureSuccessStatusCode();
        await fixture.UploadPeopleAsync(waveId, Enumerable.Range(0, 50).Select(i => (TestIns.Next(), (string?)$"r{i}@example.fr", (string?)null)).ToArray());
        await fixture.Wave(waveId).LaunchAsync();
        await fixture.TickUntilAsync(waveId, WavePhase.Notified);

        (await fixture.CountAsync("SELECT count(*) FROM orleans_reminders WHERE grain_id = 'wave/' || @wave", waveId)).Should().Be(1);
        (await fixture.CountAsync("SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE 'patient/%'")).Should().Be(0);
    }

    private async Task<List<string>> ExportAsync(string waveId, string format)
    {
        var lines = new List<string>();
        long after = 0;
        while (true)
        {
            var response = await fixture.Operator.GetAsync($"/api/v1/notices?after={after}&limit=500&format={format}");
            response.EnsureSuccessStatusCode();
            var page = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => !l.StartsWith("id,", StringComparison.Ordinal)).ToList();
            if (page.Count == 0)
            {
                return lines.Where(l => l.Contains(waveId, StringComparison.Ordinal)).ToList();
            }

            lines.AddRange(page);
            after = long.Parse(response.Headers.GetValues("X-Next-After").Single(), CultureInfo.InvariantCulture);
        }
    }
}
