using System.Buffers.Binary;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// The payload of a queue row: one or more messages (each an Orleans-serialized
/// <see cref="PostgresStreamMessage"/>, possibly of different streams of the same partition) that
/// producers wrote together. Storing a segment per row instead of a row per event divides the
/// PostgreSQL work (insert, lease, delete) by the segment size. Format: the byte <c>0x53</c>, a
/// version byte, a 32-bit count, then each message as a 32-bit length and its bytes (little endian).
/// </summary>
public static class StreamSegment
{
    private const byte Magic = 0x53;
    private const byte Version = 1;

    public static byte[] Frame(IReadOnlyList<byte[]> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var size = 6 + messages.Sum(m => 4 + m.Length);
        var buffer = new byte[size];
        buffer[0] = Magic;
        buffer[1] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(2), messages.Count);
        var offset = 6;
        foreach (var message in messages)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(offset), message.Length);
            message.CopyTo(buffer, offset + 4);
            offset += 4 + message.Length;
        }

        return buffer;
    }

    /// <summary>The messages of a segment; throws <see cref="FormatException"/> if it is not one.</summary>
    public static List<ReadOnlyMemory<byte>> Split(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length < 6 || payload[0] != Magic || payload[1] != Version)
        {
            throw new FormatException("Not a stream segment of a known version.");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(2));
        if (count < 1 || count > payload.Length)
        {
            throw new FormatException($"A stream segment cannot hold {count} messages.");
        }

        var messages = new List<ReadOnlyMemory<byte>>(count);
        var offset = 6;
        for (var i = 0; i < count; i++)
        {
            if (offset + 4 > payload.Length)
            {
                throw new FormatException("A stream segment is truncated.");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(offset));
            if (length < 0 || offset + 4 + length > payload.Length)
            {
                throw new FormatException("A stream segment is truncated.");
            }

            messages.Add(payload.AsMemory(offset + 4, length));
            offset += 4 + length;
        }

        return messages;
    }
}
