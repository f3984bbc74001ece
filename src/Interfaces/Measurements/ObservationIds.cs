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

    private static void Compute(string ins, string appId, string readingKey, Span<byte> id)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(ins), hash);
        hash[..6].CopyTo(id);
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(ins, "|", appId, "|", readingKey)), hash);
        hash[..10].CopyTo(id[6..]);
    }

    /// <summary>The id as the uuid the index holds, or null when <paramref name="id"/> is not one this server gives.</summary>
    public static Guid? Parse(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiHexDigitLower(c)) ? Guid.ParseExact(id, "N") : null;
}
