using System.Security.Cryptography;
using System.Text;

namespace MonEspaceSante.Interfaces.Devices;

/// <summary>
/// The id of a registered Device: 32 lowercase hex digits, the first 16 bytes of SHA-256 over <c>app|identifier value</c>.
/// An app names one device by one identifier: the same pair is the same Device, whoever's readings it took.
/// </summary>
public static class DeviceIds
{
    public static string Of(string appId, string identifierValue) => Convert.ToHexStringLower(Bytes(appId, identifierValue));

    /// <summary>The id as stored: a uuid whose text is the id's digits.</summary>
    public static Guid ToGuid(string appId, string identifierValue) => new(Bytes(appId, identifierValue), bigEndian: true);

    /// <summary>The stored id of the id's text, when it is one.</summary>
    public static bool TryParse(string? id, out Guid value)
    {
        value = default;
        return id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')) && Guid.TryParseExact(id, "N", out value);
    }

    private static byte[] Bytes(string appId, string identifierValue)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(identifierValue);
        return SHA256.HashData(Encoding.UTF8.GetBytes(appId + "|" + identifierValue))[..16];
    }
}
