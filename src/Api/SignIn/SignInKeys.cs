using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// The keys of the authorization server: signing keys (the first signs, every one validates and is published in the
/// JWKS), and the key that encrypts codes and refresh tokens. From configuration or files; in Development, generated
/// once and kept in a file so that tokens survive a restart. Every node of a deployment must load the same keys.
/// </summary>
public sealed class SignInKeys
{
    private SignInKeys(IReadOnlyList<AsymmetricSecurityKey> signing, SymmetricSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public IReadOnlyList<AsymmetricSecurityKey> Signing { get; }

    public SymmetricSecurityKey Encryption { get; }

    /// <summary>Loads the configured keys; with none configured, Development generates and keeps them, other environments fail naming the setting.</summary>
    public static SignInKeys Load(SignInSettings settings, bool development)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var encryption = settings.EncryptionKey ?? (settings.EncryptionKeyFile is { } file ? File.ReadAllText(file).Trim() : null);
        if (settings.SigningKeys.Count > 0 && encryption is not null)
        {
            return new SignInKeys([.. settings.SigningKeys.Select((k, i) => ReadSigning(k, i))], ReadEncryption(encryption));
        }

        if (!development)
        {
            throw new OptionsValidationException(SignInSettings.Section, typeof(SignInSettings),
                [$"{SignInSettings.Section}:SigningKeys (at least one PEM key) and {SignInSettings.Section}:EncryptionKey (or EncryptionKeyFile) are required outside Development."]);
        }

        return Development(settings.DevelopmentKeysFile ?? DefaultDevelopmentFile());
    }

    /// <summary>
    /// A fresh key set (RSA-2048 signing, so RS256; AES-256 encryption) as the PEM and base64 text configuration takes.
    /// RS256 rather than ES256: every request verifies a signature, and on the benchmark machine an RS256 check costs
    /// about 27 µs against 93 µs for ES256 (docs/benchmarks.md, "Sign-in"); it is also what every SMART client reads.
    /// </summary>
    public static (string SigningPem, string EncryptionKey) Generate()
    {
        using var rsa = RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    /// <summary>The SHA-256 of a signing key's public part (SubjectPublicKeyInfo), hex: what <see cref="KnownRepositoryKeys"/> lists.</summary>
    public static string Fingerprint(AsymmetricSecurityKey key) => Convert.ToHexStringLower(SHA256.HashData(key switch
    {
        ECDsaSecurityKey ec => ec.ECDsa.ExportSubjectPublicKeyInfo(),
        RsaSecurityKey rsa => rsa.Rsa.ExportSubjectPublicKeyInfo(),
        _ => throw new NotSupportedException("Signing keys are EC or RSA."),
    }));

    /// <summary>The SHA-256 of the encryption key's bytes, hex.</summary>
    public static string Fingerprint(SymmetricSecurityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(key.Key));
    }

    private static AsymmetricSecurityKey ReadSigning(SigningKeySetting setting, int index)
    {
        var pem = setting.Pem ?? (setting.PemFile is { } file ? File.ReadAllText(file) : null)
            ?? throw new OptionsValidationException(SignInSettings.Section, typeof(SignInSettings), [$"{SignInSettings.Section}:SigningKeys:{index} has neither Pem nor PemFile."]);
        var key = ReadPem(pem);
        key.KeyId = setting.KeyId ?? Fingerprint(key)[..16];
        return key;
    }

    /// <summary>A PEM private key, RSA or EC (PKCS#8, or the algorithm's own format).</summary>
    public static AsymmetricSecurityKey ReadPem(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
        }

        // Not RSA: EC, or an error naming what is wrong with the text.
        var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return new ECDsaSecurityKey(ec);
    }

    private static SymmetricSecurityKey ReadEncryption(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        return bytes.Length == 32
            ? new SymmetricSecurityKey(bytes)
            : throw new OptionsValidationException(SignInSettings.Section, typeof(SignInSettings), [$"{SignInSettings.Section}:EncryptionKey must be 32 bytes (256 bits) in base64."]);
    }

    private static SignInKeys Development(string file)
    {
        if (!File.Exists(file))
        {
            var (pem, encryption) = Generate();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            var temporary = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new DevelopmentKeys(pem, encryption)));
            try
            {
                // Two processes starting together keep the first file written.
                File.Move(temporary, file, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temporary);
            }
        }

        var kept = JsonSerializer.Deserialize<DevelopmentKeys>(File.ReadAllText(file))
            ?? throw new InvalidOperationException($"The development keys file {file} is empty: delete it to generate new keys.");
        return new SignInKeys([ReadSigning(new SigningKeySetting { KeyId = "development", Pem = kept.SigningPem }, 0)], ReadEncryption(kept.EncryptionKey));
    }

    private static string DefaultDevelopmentFile() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "mon-espace-sante", "development-signin-keys.json");

    private sealed record DevelopmentKeys(string SigningPem, string EncryptionKey);
}
