using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Waves;

/// <summary>
/// Reads an upload as a stream and writes it in batches while reading: the body is never held
/// whole. The answer comes once every accepted line is committed; on a broken connection, the
/// batches already committed stay (see GET .../uploads/{id} to resume).
/// </summary>
public static partial class WaveUploadEndpoint
{
    public const int BatchSize = 2000;
    public const int MaxReportedErrors = 1000;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex UploadIdPattern();

    public static string CheckUploadId(string uploadId) => UploadIdPattern().IsMatch(uploadId)
        ? uploadId
        : throw new InvalidInputException("uploadId", "1 to 128 letters, digits, dots, dashes or underscores");

    public static async Task<Ok<UploadResponse>> UploadAsync(string waveId, string uploadId, long? firstLine, HttpContext context, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(context);
        CheckUploadId(uploadId);
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var csv = mediaType switch
        {
            "text/csv" => true,
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" => false,
            _ => throw new UnsupportedMediaTypeException("Send the people as application/x-ndjson (one JSON object per line) or text/csv (with a header)."),
        };
        if (firstLine is < 1)
        {
            throw new InvalidInputException("firstLine", "must be at least 1");
        }

        var worker = grains.GetGrain<IWaveUploadGrain>(0);
        await worker.GetUploadAsync(waveId, uploadId);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var first = firstLine ?? (csv ? 2 : 1);
        var totals = new Totals();
        var lines = new List<WaveLine>(BatchSize);
        var refused = new List<UploadLineError>();
        Task<WaveUploadResult>? inFlight = null;
        await foreach (var (line, error) in UploadReader.ReadAsync(context.Request.Body, csv, first, context.RequestAborted))
        {
            totals.Received++;
            totals.LastLine = Math.Max(totals.LastLine, line?.LineNumber ?? error!.LineNumber);
            if (line is not null)
            {
                lines.Add(line);
            }
            else
            {
                refused.Add(error!);
            }

            if (lines.Count + refused.Count >= BatchSize)
            {
                // One batch written while the next is read.
                totals.Add(inFlight is null ? null : await inFlight);
                inFlight = worker.AcceptAsync(new WaveUploadBatch(waveId, uploadId, [.. lines], [.. refused]));
                lines.Clear();
                refused.Clear();
            }
        }

        totals.Add(inFlight is null ? null : await inFlight);
        if (lines.Count + refused.Count > 0)
        {
            totals.Add(await worker.AcceptAsync(new WaveUploadBatch(waveId, uploadId, lines, refused)));
        }

        return TypedResults.Ok(new UploadResponse(
            uploadId, first, totals.LastLine, totals.Received, totals.Accepted, totals.AlreadyPresent, totals.Rejected,
            totals.Errors, totals.Rejected > totals.Errors.Count));
    }

    private sealed class Totals
    {
        public long Received { get; set; }

        public long LastLine { get; set; }

        public long Accepted { get; private set; }

        public long AlreadyPresent { get; private set; }

        public long Rejected { get; private set; }

        public List<UploadLineError> Errors { get; } = [];

        public void Add(WaveUploadResult? result)
        {
            if (result is null)
            {
                return;
            }

            Accepted += result.Accepted;
            AlreadyPresent += result.AlreadyPresent;
            Rejected += result.Errors.Count;
            Errors.AddRange(result.Errors.Take(MaxReportedErrors - Errors.Count));
        }
    }
}
