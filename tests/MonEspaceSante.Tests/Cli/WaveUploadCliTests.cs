using MonEspaceSante.Cli;
using MonEspaceSante.Tests.Api;

namespace MonEspaceSante.Tests.Cli;

public sealed class WaveUploadCliTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>, IDisposable
{
    private readonly CliHarness mes = new(api);
    private readonly TempFolder folder = new();

    [Fact]
    public async Task Ndjson_upload_with_two_bad_lines_keeps_the_good_ones_and_exits_3_naming_both_lines()
    {
        var wave = await CreateWaveAsync();
        var file = folder.File("pilot 31.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            .. UploadLines.People(2, "a"), UploadLines.WithBadIns(), .. UploadLines.People(2, "b"), UploadLines.WithBadEmail(), .. UploadLines.People(2, "c"),
        ]);

        var run = await mes.RunAsync("waves", "upload", wave, file, "--lines-per-request", "3");

        run.ExitCode.Should().Be(ExitCodes.LinesRefused, run.Output);
        run.Output.Should().Contain("lines 1-3: 2 accepted, 0 already present, 1 refused")
            .And.Contain("lines 4-6: 2 accepted, 0 already present, 1 refused")
            .And.Contain("lines 7-8: 2 accepted, 0 already present, 0 refused")
            .And.Contain("8 line(s) sent in 3 request(s)")
            .And.Contain("6 accepted, 0 already present, 2 refused")
            .And.Contain("whole upload: file lines 1-8 committed, 6 people added by this upload, 2 line(s) refused.")
            .And.Contain("  line 3: ins: an INS has 15 characters, this one has 3\n")
            .And.Contain("  line 6: email: not an e-mail address\n")
            .And.Contain($"List them all with: mes waves errors {wave} pilot_31.ndjson");
        (await mes.WaveAsync(wave)).GetProperty("members").GetInt64().Should().Be(6);
    }

    [Fact]
    public async Task Errors_command_lists_every_refused_line_of_an_upload()
    {
        var wave = await CreateWaveAsync();
        var file = folder.File("refused.jsonl");
        await File.WriteAllLinesAsync(file, [UploadLines.WithBadEmail(), .. UploadLines.People(1, "ok"), UploadLines.WithBadIns()]);
        (await mes.RunAsync("waves", "upload", wave, file)).ExitCode.Should().Be(ExitCodes.LinesRefused);

        var run = await mes.RunAsync("waves", "errors", wave, "refused.jsonl");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Output);
        run.Output.Should().Be("line 1: email: not an e-mail address\nline 3: ins: an INS has 15 characters, this one has 3\n2 refused line(s).\n");
    }

    [Fact]
    public async Task Csv_upload_repeats_the_header_in_each_request_and_numbers_lines_as_in_the_file()
    {
        var wave = await CreateWaveAsync();
        var file = folder.File("people.csv");
        // Line 5 holds a postal address on two lines (5 and 6): a request must not cut it.
        await File.WriteAllTextAsync(file,
            "ins,email,postal_address,birth_date,departement,birth_name,first_names\n"
            + UploadLines.CsvPerson("c1@example.org") + "\n"
            + UploadLines.CsvPerson("c2@example.org") + "\n"
            + UploadLines.CsvPerson("c3@example.org") + "\n"
            + UploadLines.CsvPerson("", postalAddress: "\"1 rue de la Paix\n44000 Nantes\"") + "\n"
            + UploadLines.CsvPerson("c5@example.org", departement: "99") + "\n");

        var run = await mes.RunAsync("waves", "upload", wave, file, "--lines-per-request", "2");

        run.ExitCode.Should().Be(ExitCodes.LinesRefused, run.Output);
        run.Output.Should().Contain("lines 2-3: 2 accepted, 0 already present, 0 refused")
            .And.Contain("lines 4-4: 1 accepted, 0 already present, 0 refused")
            .And.Contain("lines 5-6: 1 accepted, 0 already present, 0 refused")
            .And.Contain("lines 7-7: 0 accepted, 0 already present, 1 refused")
            .And.Contain("  line 7: departement: expected 01-95, 2A, 2B or 971-976\n");
        (await mes.WaveAsync(wave)).GetProperty("members").GetInt64().Should().Be(4);
    }

    [Fact]
    public async Task Running_the_same_upload_after_lines_were_appended_sends_only_the_new_lines()
    {
        var wave = await CreateWaveAsync();
        var file = folder.File("growing.ndjson");
        await File.WriteAllLinesAsync(file, UploadLines.People(4, "first"));
        var first = await mes.RunAsync("waves", "upload", wave, file);
        first.ExitCode.Should().Be(ExitCodes.Ok, first.Output);
        first.Output.Should().Contain("4 line(s) sent in 1 request(s)");

        await File.AppendAllLinesAsync(file, UploadLines.People(3, "later"));
        var second = await mes.RunAsync("waves", "upload", wave, file);

        second.ExitCode.Should().Be(ExitCodes.Ok, second.Output);
        second.Output.Should().Contain("Resuming upload growing.ndjson: file lines 1-4 were committed")
            .And.Contain("lines 5-7: 3 accepted, 0 already present, 0 refused")
            .And.Contain("3 line(s) sent in 1 request(s)")
            .And.Contain("whole upload: file lines 1-7 committed, 7 people added by this upload, 0 line(s) refused.");
        var upload = await mes.UploadAsync(wave, "growing.ndjson");
        upload.GetProperty("lastLine").GetInt64().Should().Be(7);
        upload.GetProperty("accepted").GetInt64().Should().Be(7);
        (await mes.WaveAsync(wave)).GetProperty("members").GetInt64().Should().Be(7);

        var third = await mes.RunAsync("waves", "upload", wave, file);
        third.ExitCode.Should().Be(ExitCodes.Ok, third.Output);
        third.Output.Should().Contain("Nothing new to send: upload growing.ndjson has every line of growing.ndjson.")
            .And.Contain("0 line(s) sent in 0 request(s)");
    }

    [Fact]
    public async Task Status_shows_the_wave_and_its_people_by_outcome()
    {
        var wave = await CreateWaveAsync();
        var file = folder.File("status.ndjson");
        await File.WriteAllLinesAsync(file, UploadLines.People(3, "s"));
        (await mes.RunAsync("waves", "upload", wave, file)).ExitCode.Should().Be(ExitCodes.Ok);

        var run = await mes.RunAsync("waves", "status", wave);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Output);
        run.Output.Should().MatchRegex(@"Phase\s+│\s+Draft").And.MatchRegex(@"Members\s+│\s+3 ").And.MatchRegex(@"Pending\s+│\s+3 ")
            .And.MatchRegex(@"Opposition window\s+│\s+42 days");
    }

    [Fact]
    public async Task List_shows_created_waves()
    {
        var wave = await CreateWaveAsync();

        var run = await mes.RunAsync("waves", "list");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Output);
        run.Output.Should().MatchRegex($@"{wave}\s+│\s+Pilote CLI\s+│\s+31\s+│\s+Draft\s+│\s+42 days");
    }

    public void Dispose() => folder.Dispose();

    private async Task<string> CreateWaveAsync()
    {
        var wave = CliHarness.NewWaveId();
        var run = await mes.RunAsync("waves", "create", "--id", wave, "--name", "Pilote CLI", "--territory", "31");
        run.ExitCode.Should().Be(ExitCodes.Ok, run.Output);
        run.Output.Should().Contain($"Created wave {wave}: phase Draft, opposition window 42 days, waiting for mes waves launch {wave}.");
        return wave;
    }
}
