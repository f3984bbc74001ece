using System.CommandLine;
using MonEspaceSante.Cli.Waves;

namespace MonEspaceSante.Cli.Uploads;

/// <summary><c>mes waves upload WAVE FILE</c>: streams people into a wave, resuming where an earlier run stopped.</summary>
internal static class UploadCommand
{
    public static Command Create(CliContext context)
    {
        var wave = WaveCommands.WaveArgument();
        var file = new Argument<FileInfo>("FILE") { Description = $".ndjson/.jsonl (one JSON object per line) or .csv (header: {UploadFile.CsvHeader})." };
        var uploadId = new Option<string?>("--upload-id") { Description = "Names the upload on the server (default: the file's name); the same id resumes." };
        var linesPerRequest = new Option<int>("--lines-per-request") { Description = "File lines per HTTP request.", DefaultValueFactory = _ => 100_000 };
        linesPerRequest.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                result.AddError("--lines-per-request: between 1 and 10000000");
            }
        });
        var command = new Command("upload", "Streams people into a wave; refused lines are reported by number, the good ones kept. Running it again resumes.")
        {
            wave, file, uploadId, linesPerRequest,
        };
        command.SetAction(context.Guarded(async (parse, cancellationToken) =>
        {
            var source = parse.GetRequiredValue(file);
            var id = parse.GetValue(uploadId) is { } given ? UploadFile.CheckUploadId(given) : UploadFile.DefaultUploadId(source);
            using var server = await context.ConnectAsync(parse, cancellationToken);
            var run = new UploadRun(server, context.Consoles.Out, parse.GetRequiredValue(wave), source, id, parse.GetValue(linesPerRequest));
            return await run.RunAsync(cancellationToken);
        }));
        return command;
    }
}
