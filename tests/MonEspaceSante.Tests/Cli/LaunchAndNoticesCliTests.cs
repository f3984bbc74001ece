using MonEspaceSante.Api.Security;
using MonEspaceSante.Cli;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Tests.Api;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Cli;

public sealed class LaunchAndNoticesCliTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>, IDisposable
{
    private readonly CliHarness mes = new(api);
    private readonly TempFolder folder = new();

    [Fact]
    public async Task Notices_export_with_mark_sent_exports_each_pending_notice_once()
    {
        var wave = CliHarness.NewWaveId();
        (await mes.RunAsync("waves", "create", "--id", wave, "--name", "Notices", "--territory", "44")).ExitCode.Should().Be(ExitCodes.Ok);
        var people = folder.File("notices.ndjson");
        var emails = new[] { $"{wave}-1@example.org", $"{wave}-2@example.org", $"{wave}-3@example.org" };
        await File.WriteAllLinesAsync(people, emails.Select(UploadLines.Person));
        (await mes.RunAsync("waves", "upload", wave, people)).ExitCode.Should().Be(ExitCodes.Ok);

        var launch = await mes.RunAsync("waves", "launch", wave);
        launch.ExitCode.Should().Be(ExitCodes.Ok, launch.Output);
        launch.Output.Should().StartWith($"Wave {wave} is Notifying: launched ");
        await Eventually.HoldsAsync(async () => await PendingNoticesAsync() == 3, TimeSpan.FromSeconds(30), "three notices pending after the launch");

        var csv = folder.File("first.csv");
        var first = await mes.RunAsync("notices", "export", "--format", "csv", "--out", csv, "--page-size", "2", "--mark-sent");

        first.ExitCode.Should().Be(ExitCodes.Ok, first.Output);
        first.Output.Should().Be($"Exported 3 notice(s) in 2 page(s) to {csv} as csv; next export: --after {await LastIdAsync(csv)}.\nMarked 3 sent (0 already sent, 0 unknown).\n");
        var lines = await File.ReadAllLinesAsync(csv);
        lines.Should().HaveCount(4);
        lines[0].Should().Be("id,kind,channel,email,postal_address,wave_id,created_at,deadline,recipient_name");
        lines.Skip(1).Select(l => l.Split(',')[3]).Should().BeEquivalentTo(emails);
        lines.Skip(1).Should().AllSatisfy(l => l.Split(',')[5].Should().Be(wave));

        var ndjson = folder.File("second.ndjson");
        var second = await mes.RunAsync("notices", "export", "--out", ndjson, "--mark-sent");

        second.ExitCode.Should().Be(ExitCodes.Ok, second.Output);
        second.Output.Should().Be($"Exported 0 notice(s) in 0 page(s) to {ndjson} as ndjson; next export: --after 0.\nMarked 0 sent (0 already sent, 0 unknown).\n");
        (await File.ReadAllTextAsync(ndjson)).Should().BeEmpty();
        (await PendingNoticesAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Status_watch_refreshes_until_the_wave_completes()
    {
        var wave = CliHarness.NewWaveId();
        (await mes.RunAsync("waves", "create", "--id", wave, "--name", "Watched", "--territory", "80", "--window-days", "1")).ExitCode.Should().Be(ExitCodes.Ok);
        (await mes.RunAsync("waves", "launch", wave)).ExitCode.Should().Be(ExitCodes.Ok);

        var watching = mes.Start("waves", "status", wave, "--watch", "--interval", "0.05");
        await Eventually.HoldsAsync(() => watching.OutputSoFar.Contains("Notifying", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the watch showing the launched wave");
        var grain = api.Grains.GetGrain<IWaveGrain>(wave);
        (await grain.TickAsync()).Phase.Should().Be(WavePhase.Notified);
        api.Clock.Advance(TimeSpan.FromDays(2));
        await Eventually.HoldsAsync(async () => (await grain.TickAsync()).Phase == WavePhase.Completed, TimeSpan.FromSeconds(30), "the empty wave completing after its deadline");

        var finished = await Task.WhenAny(watching.Completion, Task.Delay(TimeSpan.FromSeconds(30)));
        finished.Should().BeSameAs(watching.Completion, "the watch stops once the wave is Completed");
        var run = await watching.Completion;
        run.ExitCode.Should().Be(ExitCodes.Ok, run.Output);
        run.Output.Should().MatchRegex(@"Phase\s+│\s+Notifying").And.MatchRegex(@"Phase\s+│\s+Completed\s+│");
        run.Output[run.Output.LastIndexOf("Phase", StringComparison.Ordinal)..].Should().MatchRegex(@"^Phase\s+│\s+Completed");
    }

    public void Dispose() => folder.Dispose();

    private async Task<int> PendingNoticesAsync()
    {
        using var client = api.ClientFor(MesRoles.Operator, "op-check");
        var text = await client.GetStringAsync("/api/v1/notices?limit=100&format=ndjson");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static async Task<long> LastIdAsync(string csv) =>
        long.Parse((await File.ReadAllLinesAsync(csv))[^1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
}
