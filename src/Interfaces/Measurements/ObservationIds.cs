using System.Security.Cryptography;
using System.Text;

namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>
/// The id of a stored reading's Observation, as 32 lowercase hex digits: 6 bytes of SHA-256 over the INS, then 10 bytes
/// of SHA-256 over <c>ins|app|reading key</c>. It is known when the reading is accepted (the <c>Location</c> of a 201)
/// and the same for a resend; it is stored with the reading (<c>observation_id</c>), whose index finds the row from the
/// id alone. The person's part first keeps one person's readings together in that index.
/// </summary>
public static class ObservationIds
{
    public static string Of(string ins, string appId, string readingKey)
    {
        Span<byte> id = stackalloc byte[16];
        Compute(ins, appId, readingKey, id);
        return Convert.ToHexStringLower(id);
    }

    /// <summary>The id as stored: a uuid whose text is the id's digits.</summary>
    public static Guid ToGuid(string ins, string appId, string readingKey)
    {
        Span<byte> id = stackalloc byte[16];
        Compute(ins, appId, readingKey, id);
        return new Guid(id, bigEndian: true);
    }

    // The person's part is the same for every reading of a request or a batch (one person's readings come together), and
    // a SHA-256 call costs about a microsecond through the platform's library: the last person's part is kept per thread.
    [ThreadStatic]
    private static (string Ins, ulong Part)? lastPerson;

    private static void Compute(string ins, string appId, string readingKey, Span<byte> id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        if (lastPerson is { } last && string.Equals(last.Ins, ins, StringComparison.Ordinal))
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(hash, last.Part);
        }
        else
        {
            HashUtf8(ins, hash);
            lastPerson = (ins, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash));
        }

        hash[..6].CopyTo(id);
        // ins|app|reading key, encoded without building the string.
        var length = Encoding.UTF8.GetMaxByteCount(ins.Length + appId.Length + readingKey.Length + 2);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(ins, bytes);
        bytes[written++] = (byte)'|';
        written += Encoding.UTF8.GetBytes(appId, bytes[written..]);
        bytes[written++] = (byte)'|';
        written += Encoding.UTF8.GetBytes(readingKey, bytes[written..]);
        SHA256.HashData(bytes[..written], hash);
        hash[..10].CopyTo(id[6..]);
    }

    private static void HashUtf8(string text, Span<byte> hash)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = length <= 1024 ? stackalloc byte[length] : new byte[length];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(text, bytes)], hash);
    }

    /// <summary>What starts the id of a computed body mass index, followed by the id of the weight it was computed from.</summary>
    public const string BmiPrefix = "bmi-";

    /// <summary>
    /// The id as the uuid the index holds (for a computed body mass index, its weight's), or null when <paramref name="id"/>
    /// is not one this server gives.
    /// </summary>
    public static Guid? Parse(string? id)
    {
        var stored = IsBmi(id) ? id![BmiPrefix.Length..] : id;
        return stored is { Length: 32 } && stored.All(c => char.IsAsciiDigit(c) || char.IsAsciiHexDigitLower(c)) ? Guid.ParseExact(stored, "N") : null;
    }

    /// <summary>Whether <paramref name="id"/> names a body mass index the service computes rather than a stored reading.</summary>
    public static bool IsBmi(string? id) => id?.StartsWith(BmiPrefix, StringComparison.Ordinal) == true;
}
