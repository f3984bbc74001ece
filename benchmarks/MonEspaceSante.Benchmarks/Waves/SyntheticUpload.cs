using System.Text;

namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>
/// An NDJSON upload body of people [first, end) made while it is read, as a request body arrives:
/// the file is never held whole. <see cref="LinesRead"/> counts lines handed to the reader.
/// </summary>
public sealed class SyntheticUpload(long first, long end) : Stream
{
    private byte[] line = [];
    private int offset;
    private long next = first;
    private long linesRead;

    public long LinesRead => Interlocked.Read(ref linesRead);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (offset == line.Length)
            {
                if (next == end)
                {
                    break;
                }

                line = Encoding.UTF8.GetBytes(SyntheticPeople.NdjsonLine(next++));
                offset = 0;
                Interlocked.Increment(ref linesRead);
            }

            var count = Math.Min(buffer.Length - written, line.Length - offset);
            line.AsSpan(offset, count).CopyTo(buffer[written..]);
            offset += count;
            written += count;
        }

        return written;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
