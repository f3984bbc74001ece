using System.Diagnostics;
using MonEspaceSante.Cli.Http;
using MonEspaceSante.Cli.Waves;
using Spectre.Console;

namespace MonEspaceSante.Cli.Uploads;

/// <summary>Counts of an upload run, and the progress line they make: lines sent, lines/s, accepted and refused so far.</summary>
internal sealed class UploadProgressView(long startBytes, long fileBytes)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private ProgressTask? task;
    private long linesAnswered;

    public long LinesSent { get; private set; }

    public int Requests { get; private set; }

    public long Accepted { get; private set; }

    public long AlreadyPresent { get; private set; }

    public long Rejected { get; private set; }

    public void Show(ProgressTask progressTask) => task = progressTask;

    /// <summary>The current request has written <paramref name="linesInRequest"/> lines; the file is read up to <paramref name="bytesRead"/>.</summary>
    public void Writing(long linesInRequest, long bytesRead)
    {
        LinesSent = linesAnswered + linesInRequest;
        if (task is not null)
        {
            task.Value = Math.Min(bytesRead, fileBytes) - startBytes;
            task.Description = Describe(LinesSent);
        }
    }

    public void Answered(UploadReport report, long linesInRequest)
    {
        Requests++;
        linesAnswered += linesInRequest;
        LinesSent = linesAnswered;
        Accepted += report.Accepted;
        AlreadyPresent += report.AlreadyPresent;
        Rejected += report.Rejected;
        if (task is not null)
        {
            task.Description = Describe(LinesSent);
        }
    }

    public string Describe(long lines) =>
        $"{WaveText.Count(lines)} lines, {WaveText.Count((long)LinesPerSecond(lines))} lines/s, [green]{WaveText.Count(Accepted + AlreadyPresent)} accepted[/], [red]{WaveText.Count(Rejected)} refused[/]";

    public string DescribeRequest(long firstLine, long lastLine, UploadReport report) =>
        $"lines {firstLine}-{lastLine}: {WaveText.Count(report.Accepted)} accepted, {WaveText.Count(report.AlreadyPresent)} already present, {WaveText.Count(report.Rejected)} refused ({WaveText.Count((long)LinesPerSecond(LinesSent))} lines/s)";

    public string DescribeRun() =>
        $"{WaveText.Count(LinesSent)} line(s) sent in {Requests} request(s) ({WaveText.Duration(clock.Elapsed)}, {WaveText.Count((long)LinesPerSecond(LinesSent))} lines/s): "
        + $"{WaveText.Count(Accepted)} accepted, {WaveText.Count(AlreadyPresent)} already present, {WaveText.Count(Rejected)} refused";

    private double LinesPerSecond(long lines) => clock.Elapsed.TotalSeconds > 0 ? lines / clock.Elapsed.TotalSeconds : 0;
}
