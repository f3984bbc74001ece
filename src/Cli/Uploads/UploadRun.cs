using System.Net.Http.Json;
using MonEspaceSante.Cli.Http;
using MonEspaceSante.Cli.Waves;
using Spectre.Console;

namespace MonEspaceSante.Cli.Uploads;

/// <summary>
/// One run of an upload. It asks the server how far the upload got, skips the file lines already
/// committed, then sends the rest in requests of at most <c>linesPerRequest</c> lines, each body
/// read from the file while it is sent.
/// </summary>
internal sealed class UploadRun(MesServer server, IAnsiConsole console, string waveId, FileInfo file, string uploadId, int linesPerRequest)
{
    private const int RefusalsShown = 10;
    private const string ResumeHint = "lines committed so far are kept: run the same command again to resume";

    private readonly string path = UploadErrorsCommand.UploadPath(waveId, uploadId);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var csv = UploadFile.IsCsv(file);
        await using var stream = UploadFile.Open(file);
        await using var records = new RecordReader(stream, file.FullName, csv);
        var header = ReadOnlyMemory<byte>.Empty;
        if (csv && await records.ReadAsync(cancellationToken) is { } headerLine)
        {
            // Every request of a CSV upload starts with the header.
            header = headerLine.Bytes.ToArray();
            UploadFile.CheckCsvHeader(file, header.Span);
        }

        var before = await server.GetAsync<UploadProgressState>(path, cancellationToken);
        if (before.LastLine > 0)
        {
            await SkipCommittedAsync(records, before, cancellationToken);
        }

        var progress = new UploadProgressView(records.BytesRead, file.Length);
        if (await records.HasMoreAsync(cancellationToken))
        {
            if (console.Profile.Capabilities.Interactive)
            {
                await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async display =>
                    {
                        progress.Show(display.AddTask(progress.Describe(0), maxValue: Math.Max(1, file.Length - records.BytesRead)));
                        await SendAllAsync(records, header, csv, progress, cancellationToken);
                    });
            }
            else
            {
                await SendAllAsync(records, header, csv, progress, cancellationToken);
            }
        }
        else
        {
            Say.Line(console, $"Nothing new to send: upload {Markup.Escape(uploadId)} has every line of {Markup.Escape(file.Name)}.");
        }

        var after = await server.GetAsync<UploadProgressState>(path, cancellationToken);
        await SummarizeAsync(progress, after, cancellationToken);
        return after.Rejected > 0 ? ExitCodes.LinesRefused : ExitCodes.Ok;
    }

    private async Task SkipCommittedAsync(RecordReader records, UploadProgressState before, CancellationToken cancellationToken)
    {
        while (await records.ReadAsync(cancellationToken) is { } record)
        {
            if (record.FirstLine > before.LastLine)
            {
                records.PushBack();
                break;
            }
        }

        var fileLines = records.NextLine - 1;
        Say.Line(console, $"Resuming upload [bold]{Markup.Escape(uploadId)}[/]: file lines 1-{before.LastLine} were committed ({WaveText.When(before.UpdatedAt)}).");
        if (fileLines < before.LastLine)
        {
            Say.Warning(console, $"{file.Name} has {fileLines} line(s) but upload {uploadId} has lines up to {before.LastLine}: is it the same file? A different file needs another --upload-id.");
        }
    }

    private async Task SendAllAsync(RecordReader records, ReadOnlyMemory<byte> header, bool csv, UploadProgressView progress, CancellationToken cancellationToken)
    {
        try
        {
            while (await records.HasMoreAsync(cancellationToken))
            {
                var firstLine = records.NextLine;
                using var body = new UploadChunkContent(records, header, linesPerRequest, csv ? "text/csv" : "application/x-ndjson",
                    lines => progress.Writing(lines, records.BytesRead));
                var request = new HttpRequestMessage(HttpMethod.Post, $"{path}?firstLine={firstLine}") { Content = body };
                using var response = await server.SendAsync(request, false, cancellationToken);
                var report = await response.Content.ReadFromJsonAsync<UploadReport>(JsonWire.Options, cancellationToken)
                    ?? throw new CliFailure(ExitCodes.ServerError, "the server answered an upload request with an empty body");
                progress.Answered(report, body.Lines);
                if (!console.Profile.Capabilities.Interactive)
                {
                    Say.Line(console, progress.DescribeRequest(firstLine, firstLine + body.Lines - 1, report));
                }
            }
        }
        catch (CliFailure failure) when (progress.Requests > 0 || progress.LinesSent > 0)
        {
            throw new CliFailure(failure.ExitCode, $"{failure.Message} ({ResumeHint})", failure);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(ExitCodes.Interrupted, $"interrupted: {ResumeHint}", e);
        }
    }

    private async Task SummarizeAsync(UploadProgressView progress, UploadProgressState after, CancellationToken cancellationToken)
    {
        Say.Line(console, $"Upload [bold]{Markup.Escape(uploadId)}[/] of {Markup.Escape(file.Name)} to wave [bold]{Markup.Escape(waveId)}[/]: {progress.DescribeRun()}.");
        Say.Line(console, $"  whole upload: file lines 1-{after.LastLine} committed, {WaveText.Count(after.Accepted)} people added by this upload, {WaveText.Count(after.Rejected)} line(s) refused.");
        if (after.Rejected == 0)
        {
            return;
        }

        Say.Line(console, "[yellow]Refused lines[/] (the other lines are kept):");
        var shown = await server.GetAsync<List<LineRefusal>>($"{path}/errors?after=0&limit={RefusalsShown}", cancellationToken);
        foreach (var refusal in shown)
        {
            Say.Line(console, $"  line {refusal.LineNumber}: {Markup.Escape(refusal.Reason)}");
        }

        if (after.Rejected > shown.Count)
        {
            Say.Line(console, $"  ... and {WaveText.Count(after.Rejected - shown.Count)} more.");
        }

        Say.Line(console, $"List them all with: [bold]mes waves errors {Markup.Escape(waveId)} {Markup.Escape(uploadId)}[/]");
    }
}
