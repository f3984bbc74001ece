using System.Buffers;
using System.IO.Pipelines;

namespace MonEspaceSante.Cli.Uploads;

/// <summary>One record of an upload file: its bytes (always ending with a newline), where it starts, how many file lines it spans.</summary>
internal readonly record struct FileRecord(ReadOnlyMemory<byte> Bytes, long FirstLine, int Lines, long FileBytes);

/// <summary>
/// Reads an upload file record by record without holding it whole. A record is one line; in CSV, a
/// quoted field may span lines, and the record then spans them too, so that a request never cuts a
/// record in two. Line numbers are the file's (the server reports refused lines by them).
/// </summary>
internal sealed class RecordReader : IAsyncDisposable
{
    public const int MaxRecordBytes = 1024 * 1024;

    // A quoted CSV field still open after this many bytes is taken as malformed: the record ends at
    // the next line end (the server refuses it), rather than swallowing the rest of the file.
    private const int MaxQuotedBytes = 64 * 1024;

    private readonly PipeReader reader;
    private readonly string fileName;
    private readonly bool csv;
    private readonly ArrayBufferWriter<byte> current = new(4096);
    private bool bomChecked;
    private bool ended;
    private bool pushedBack;
    private FileRecord last;
    private long linesRead;
    private long bytesRead;

    public RecordReader(Stream file, string fileName, bool csv)
    {
        reader = PipeReader.Create(file, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        this.fileName = fileName;
        this.csv = csv;
    }

    /// <summary>The file line where the next record starts.</summary>
    public long NextLine => pushedBack ? last.FirstLine : linesRead + 1;

    /// <summary>Bytes of the file read so far (the record pushed back excluded).</summary>
    public long BytesRead => pushedBack ? bytesRead - last.FileBytes : bytesRead;

    /// <summary>The next record, or null at the end of the file. Its bytes are valid until the next call.</summary>
    public async ValueTask<FileRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        if (pushedBack)
        {
            pushedBack = false;
            return last;
        }

        while (!ended)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw new CliFailure(ExitCodes.BadInput, $"cannot read {fileName}: {e.Message}", e);
            }

            var buffer = result.Buffer;
            if (!bomChecked)
            {
                if (buffer.Length < 3 && !result.IsCompleted)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                bomChecked = true;
                if (buffer.Length >= 3 && IsUtf8Bom(buffer.Slice(0, 3)))
                {
                    // The server reads UTF-8 without a byte order mark.
                    buffer = buffer.Slice(3);
                    bytesRead += 3;
                }
            }

            if (FindEnd(buffer, result.IsCompleted, out var length, out var lines))
            {
                var bytes = buffer.Slice(0, length);
                current.Clear();
                foreach (var segment in bytes)
                {
                    current.Write(segment.Span);
                }

                if (bytes.Slice(bytes.Length - 1).FirstSpan[0] != (byte)'\n')
                {
                    current.Write("\n"u8);
                }

                // The buffer's segments go back to the pipe here: nothing may read them afterwards.
                reader.AdvanceTo(bytes.End);
                last = new FileRecord(current.WrittenMemory, linesRead + 1, lines, length);
                linesRead += lines;
                bytesRead += length;
                return last;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                ended = true;
                break;
            }

            if (buffer.Length > MaxRecordBytes)
            {
                throw new CliFailure(ExitCodes.BadInput, $"line {linesRead + 1} of {fileName} is longer than 1 MiB: is it really an NDJSON or CSV file?");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }

        return null;
    }

    /// <summary>Gives back the record just read: the next <see cref="ReadAsync"/> returns it again.</summary>
    public void PushBack() => pushedBack = true;

    public async ValueTask<bool> HasMoreAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is null)
        {
            return false;
        }

        PushBack();
        return true;
    }

    public ValueTask DisposeAsync() => reader.CompleteAsync();

    /// <summary>Whether <paramref name="buffer"/> starts with a whole record; if so, its <paramref name="length"/> and <paramref name="lines"/>.</summary>
    private bool FindEnd(ReadOnlySequence<byte> buffer, bool completed, out long length, out int lines)
    {
        var scan = new SequenceReader<byte>(buffer);
        var quotes = 0L;
        lines = 0;
        while (true)
        {
            var lineStart = scan.Position;
            if (!scan.TryAdvanceTo((byte)'\n'))
            {
                // The last line of the file may have no newline.
                if (completed && scan.Remaining > 0)
                {
                    lines++;
                }

                length = buffer.Length;
                return completed && lines > 0;
            }

            lines++;
            if (csv)
            {
                quotes += CountQuotes(buffer.Slice(lineStart, scan.Position));
            }

            if (quotes % 2 == 0 || scan.Consumed > MaxQuotedBytes)
            {
                length = scan.Consumed;
                return true;
            }
        }
    }

    private static long CountQuotes(ReadOnlySequence<byte> line)
    {
        var count = 0L;
        foreach (var segment in line)
        {
            count += segment.Span.Count((byte)'"');
        }

        return count;
    }

    private static bool IsUtf8Bom(ReadOnlySequence<byte> start)
    {
        Span<byte> bytes = stackalloc byte[3];
        start.CopyTo(bytes);
        return bytes.SequenceEqual("\uFEFF"u8);
    }
}
