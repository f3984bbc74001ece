using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MonEspaceSante.Cli.Login;

/// <summary>What a login keeps between commands: the token, until when, and where its credentials come from (a file, or the environment).</summary>
internal sealed record CachedLogin(string Server, string ClientId, string AccessToken, DateTimeOffset ExpiresAt, string? CredentialsFile, string Scope);

/// <summary>
/// The logins of this user, one file per server, in MES_CACHE_DIR (default: the user's local application data), readable
/// by the user only. A token within a minute of its expiry is asked again with the same credentials.
/// </summary>
internal sealed class TokenCache(string directory)
{
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable("MES_CACHE_DIR") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "mes");

    public CachedLogin? Find(Uri server)
    {
        var file = FileOf(server);
        try
        {
            return File.Exists(file) ? JsonSerializer.Deserialize<CachedLogin>(File.ReadAllText(file)) : null;
        }
        catch (JsonException)
        {
            // A damaged cache is as good as none: the next login writes it again.
            return null;
        }
    }

    public void Save(CachedLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        Directory.CreateDirectory(directory);
        var file = FileOf(new Uri(login.Server));
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(login));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, file, overwrite: true);
    }

    public bool Remove(Uri server)
    {
        var file = FileOf(server);
        if (!File.Exists(file))
        {
            return false;
        }

        File.Delete(file);
        return true;
    }

    private string FileOf(Uri server) =>
        Path.Combine(directory, $"login-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(server.AbsoluteUri)))[..16]}.json");
}
