using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;

namespace MonEspaceSante.Cli.Uploads;

/// <summary>
/// The body of one upload request, produced while the file is read: the CSV header if any, then
/// whole records until <c>maxLines</c> file lines. Sent chunked; it can be sent once only, since
/// it consumes the file.
/// </summary>
internal sealed class UploadChunkContent : HttpContent
{
    private const int FlushBytes = 64 * 1024;
    private const int ReportEveryLines = 1000;

    private readonly RecordReader records;
    private readonly ReadOnlyMemory<byte> header;
    private readonly long maxLines;
    private readonly Action<long> progress;
    private bool sent;

    /// <summary><paramref name="progress"/> is told the lines written so far, now and then while sending.</summary>
    public UploadChunkContent(RecordReader records, ReadOnlyMemory<byte> header, long maxLines, string mediaType, Action<long> progress)
    {
        this.records = records;
        this.header = header;
        this.maxLines = maxLines;
        this.progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
    }

    /// <summary>File lines written into this body.</summary>
    public long Lines { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (sent)
        {
            throw new InvalidOperationException("An upload request reads its lines from the file as it sends them: it cannot be sent twice.");
        }

        sent = true;
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        writer.Write(header.Span);
        var nextReport = ReportEveryLines;
        while (Lines < maxLines && await records.ReadAsync(cancellationToken) is { } record)
        {
            if (Lines > 0 && Lines + record.Lines > maxLines)
            {
                // A CSV record spanning lines goes whole into the next request.
                records.PushBack();
                break;
            }

            writer.Write(record.Bytes.Span);
            Lines += record.Lines;
            if (writer.UnflushedBytes >= FlushBytes)
            {
                await writer.FlushAsync(cancellationToken);
            }

            if (Lines >= nextReport)
            {
                progress(Lines);
                nextReport += ReportEveryLines;
            }
        }

        await writer.FlushAsync(cancellationToken);
        await writer.CompleteAsync();
        progress(Lines);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
