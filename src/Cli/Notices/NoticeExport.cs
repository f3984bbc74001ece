using System.Globalization;
using MonEspaceSante.Cli.Http;
using MonEspaceSante.Cli.Waves;
using Spectre.Console;

namespace MonEspaceSante.Cli.Notices;

/// <summary>
/// Pages through <c>GET /api/v1/notices</c> (the <c>X-Next-After</c> header gives the next page; an
/// empty page ends) and writes each page as it comes. With mark-sent, each page is marked sent
/// once written: a page is never marked before it is safely out.
/// </summary>
internal sealed class NoticeExport(MesServer server, CliConsoles consoles, string format, int pageSize, bool markSent)
{
    private bool Csv => format == "csv";

    public async Task<int> RunAsync(FileInfo? output, long after, CancellationToken cancellationToken)
    {
        // Human messages must not mix with data written to standard output.
        var console = output is null ? consoles.Error : consoles.Out;
        await using var file = output is null ? null : Create(output);
        var writer = file ?? consoles.Data;
        var exported = 0L;
        var pages = 0;
        var marked = new MarkSentReport(0, 0, 0);
        var wroteHeader = false;
        while (true)
        {
            var page = await ReadPageAsync(after, cancellationToken);
            if (Csv && !wroteHeader && page.Header is not null)
            {
                await writer.WriteAsync(page.Header + "\n");
                wroteHeader = true;
            }

            if (page.Records.Count == 0)
            {
                break;
            }

            foreach (var record in page.Records)
            {
                await writer.WriteAsync(record + "\n");
            }

            await writer.FlushAsync(cancellationToken);
            pages++;
            exported += page.Records.Count;
            if (markSent)
            {
                var report = await server.PostAsync<MarkSentReport>("api/v1/notices/sent", new MarkSent(page.Ids), cancellationToken);
                marked = new MarkSentReport(marked.Marked + report.Marked, marked.AlreadySent + report.AlreadySent, marked.Unknown + report.Unknown);
            }

            after = page.NextAfter;
        }

        var target = output is null ? "standard output" : Markup.Escape(output.FullName);
        Say.Line(console, $"Exported {WaveText.Count(exported)} notice(s) in {pages} page(s) to {target} as {format}; next export: --after {after}.");
        if (markSent)
        {
            Say.Line(console, $"Marked {WaveText.Count(marked.Marked)} sent ({WaveText.Count(marked.AlreadySent)} already sent, {WaveText.Count(marked.Unknown)} unknown).");
        }

        return ExitCodes.Ok;
    }

    private async Task<NoticePage> ReadPageAsync(long after, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/v1/notices?after={after}&limit={pageSize}&format={format}"));
        using var response = await server.SendAsync(request, true, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var records = Csv ? CsvRecords.Split(text) : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        string? header = null;
        if (Csv && records.Count > 0)
        {
            header = records[0];
            records.RemoveAt(0);
        }

        var ids = records.Select(IdOf).ToList();
        var nextAfter = response.Headers.TryGetValues("X-Next-After", out var values) && long.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, out var next)
            ? next
            : ids.Count > 0 ? ids[^1] : after;
        return new NoticePage(header, records, ids, nextAfter);
    }

    private long IdOf(string record)
    {
        // The id comes first in both formats: 123,... or {"id":123,...
        if (Csv)
        {
            return long.TryParse(record.Split(',', 2)[0], CultureInfo.InvariantCulture, out var id) ? id : throw NoId();
        }

        try
        {
            using var notice = System.Text.Json.JsonDocument.Parse(record);
            return notice.RootElement.TryGetProperty("id", out var id) && id.TryGetInt64(out var value) ? value : throw NoId();
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CliFailure(ExitCodes.ServerError, $"the server sent a notice that is not JSON: {e.Message}", e);
        }
    }

    private static CliFailure NoId() => new(ExitCodes.ServerError, "the server sent a notice without a numeric id");

    private static StreamWriter Create(FileInfo output)
    {
        try
        {
            return new StreamWriter(output.FullName, false, new System.Text.UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"cannot write {output.FullName}: {e.Message}", e);
        }
    }

    private sealed record NoticePage(string? Header, List<string> Records, List<long> Ids, long NextAfter);
}
