using System.CommandLine;
using MonEspaceSante.Cli.Http;
using Spectre.Console;

namespace MonEspaceSante.Cli.Waves;

/// <summary><c>mes waves errors WAVE UPLOAD-ID</c>: every line an upload had refused, by line number.</summary>
internal static class UploadErrorsCommand
{
    public const int PageSize = 1000;

    public static Command Create(CliContext context)
    {
        var wave = WaveCommands.WaveArgument();
        var upload = new Argument<string>("UPLOAD-ID") { Description = "The upload's id (by default, the uploaded file's name)." };
        var after = new Option<long>("--after") { Description = "Only lines after this line number." };
        var command = new Command("errors", "Lists the lines an upload refused, with their reasons.") { wave, upload, after };
        command.SetAction(context.Guarded(async (parse, cancellationToken) =>
        {
            using var server = await context.ConnectAsync(parse, cancellationToken);
            var path = UploadPath(parse.GetRequiredValue(wave), parse.GetRequiredValue(upload));
            var count = 0L;
            await foreach (var refusal in ReadAsync(server, path, parse.GetValue(after), cancellationToken))
            {
                Say.Line(context.Consoles.Out, $"line {refusal.LineNumber}: {Markup.Escape(refusal.Reason)}");
                count++;
            }

            Say.Line(context.Consoles.Out, $"{WaveText.Count(count)} refused line(s).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static string UploadPath(string waveId, string uploadId) =>
        $"{WaveCommands.WavePath(waveId)}/uploads/{Uri.EscapeDataString(uploadId)}";

    /// <summary>The refused lines of an upload after <paramref name="afterLine"/>, page by page.</summary>
    public static async IAsyncEnumerable<LineRefusal> ReadAsync(MesServer server, string uploadPath, long afterLine,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await server.GetAsync<List<LineRefusal>>($"{uploadPath}/errors?after={afterLine}&limit={PageSize}", cancellationToken);
            foreach (var refusal in page)
            {
                yield return refusal;
                afterLine = refusal.LineNumber;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
