using System.CommandLine;

namespace MonEspaceSante.Cli.Notices;

/// <summary><c>mes notices export</c>: hands the pending notices to the mailing service.</summary>
internal static class NoticeCommands
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "ndjson (one JSON object per line) or csv.", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong("ndjson", "csv");
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file (replaced) instead of standard output." };
        var after = new Option<long>("--after") { Description = "Start after this notice id." };
        var pageSize = new Option<int>("--page-size") { Description = "Notices per request (1-10000).", DefaultValueFactory = _ => 1000 };
        pageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                result.AddError("--page-size: between 1 and 10000");
            }
        });
        var markSent = new Option<bool>("--mark-sent") { Description = "Mark each page sent once written, so that the next export does not repeat it." };
        var export = new Command("export", "Exports the pending notices (no INS, no health data), oldest first.") { format, output, after, pageSize, markSent };
        export.SetAction(context.Guarded(async (parse, cancellationToken) =>
        {
            using var server = await context.ConnectAsync(parse, cancellationToken);
            var exporter = new NoticeExport(server, context.Consoles, parse.GetValue(format) ?? "ndjson", parse.GetValue(pageSize), parse.GetValue(markSent));
            return await exporter.RunAsync(parse.GetValue(output), parse.GetValue(after), cancellationToken);
        }));
        return new Command("notices", "The notice outbox, for the mailing service.") { export };
    }
}
