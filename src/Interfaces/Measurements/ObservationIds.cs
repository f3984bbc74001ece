using System.Security.Cryptography;
using System.Text;

namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>
/// The id of a stored reading's Observation: the first 16 bytes of SHA-256 over <c>ins|app|reading key</c>, as 32
/// lowercase hex digits. It is known when the reading is accepted (the <c>Location</c> of a 201) and the same for a resend;
/// the SQL function <c>mes_observation_id</c> computes the same value, and its index finds the row from the id alone.
/// </summary>
public static class ObservationIds
{
    public static string Of(string ins, string appId, string readingKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ins}|{appId}|{readingKey}")).AsSpan(0, 16));

    /// <summary>The id as the uuid the index holds, or null when <paramref name="id"/> is not one this server gives.</summary>
    public static Guid? Parse(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiHexDigitLower(c)) ? Guid.ParseExact(id, "N") : null;
}
