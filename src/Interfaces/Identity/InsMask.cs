using System.Security.Cryptography;
using System.Text;

namespace MonEspaceSante.Interfaces.Identity;

/// <summary>
/// The keyed hash that stands for an INS in logs, metric tags and traces. The key is set once at
/// start-up from configuration so that the same person hashes alike on every silo.
/// </summary>
public static class InsMask
{
    private static byte[] key = Encoding.UTF8.GetBytes("mes-development-log-key");

    /// <summary>True once a key from configuration replaced the development default.</summary>
    public static bool IsConfigured { get; private set; }

    /// <summary>Sets the HMAC key used for masking (from configuration, at start-up).</summary>
    public static void Configure(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        key = Encoding.UTF8.GetBytes(secret);
        IsConfigured = true;
    }

    /// <summary>
    /// Returns <c>ins#</c> followed by 16 hex characters (64 bits) of HMAC-SHA256: with 69 million people, 40 bits made
    /// two people's masks collide from about a million on, so a log could mix two persons' lines.
    /// </summary>
    public static string Mask(string clear)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(clear), hash);
        return "ins#" + Convert.ToHexStringLower(hash[..8]);
    }
}
