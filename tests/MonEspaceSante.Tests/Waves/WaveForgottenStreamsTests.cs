using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Waves;

/// <summary>The application with pulling agents that forget a stream after 2 seconds without events (15 seconds by default).</summary>
public sealed class ForgetfulWaveApiFixture : WaveApiFixture
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Streams:Postgres:StreamInactivityPeriod"] = ForgetAfter.ToString(),
    };
}

public sealed class WaveForgottenStreamsTests(ForgetfulWaveApiFixture fixture) : IClassFixture<ForgetfulWaveApiFixture>
{
    [Fact]
    public async Task Deadline_events_reach_everyone_although_the_agents_forgot_their_streams_since_the_notices()
    {
        // Weeks separate a wave's notices from its deadline: every person's stream is forgotten by then,
        // so each deadline event goes through a new registration and handshake with a new activation.
        var waveId = WaveApiFixture.NewWaveId();
        await fixture.CreateWaveAsync(waveId);
        var people = Enumerable.Range(0, 300).Select(i => (TestIns.Next(), (string?)$"p{i}@example.fr", (string?)null)).ToArray();
        await fixture.UploadPeopleAsync(waveId, people);
        await fixture.Wave(waveId).LaunchAsync();
        (await fixture.TickUntilAsync(waveId, WavePhase.Notified)).Outcomes[MemberOutcome.Notified].Should().Be(300);

        await Task.Delay(ForgetfulWaveApiFixture.ForgetAfter * 2);
        fixture.App.Clock.Advance(TimeSpan.FromDays(43));
        var completed = await fixture.TickUntilAsync(waveId, WavePhase.Completed);

        completed.Outcomes[MemberOutcome.Opened].Should().Be(300);
        var outbox = await fixture.OutboxAsync(waveId);
        outbox.Count(n => n.Kind == "SpaceOpened").Should().Be(300);
        outbox.Where(n => n.Kind == "SpaceOpened").Select(n => n.Email).Should().OnlyHaveUniqueItems();
        outbox.Count(n => n.Kind == "OpeningAnnouncement").Should().Be(300);
    }
}
