using System.Text.Json;

namespace MonEspaceSante.Cli.Login;

/// <summary>
/// An operator system's client credentials: from a JSON file (<c>{"clientId": "...", "clientSecret": "..."}</c>, readable by
/// its owner only) or from MES_CLIENT_ID and MES_CLIENT_SECRET. The tool keeps where they came from, never the secret.
/// </summary>
internal sealed record OperatorCredentials(string ClientId, string ClientSecret)
{
    public const string ClientIdVariable = "MES_CLIENT_ID";
    public const string ClientSecretVariable = "MES_CLIENT_SECRET";

    /// <summary>From <paramref name="file"/>, or from the environment when it is null.</summary>
    public static OperatorCredentials Read(string? file)
    {
        if (file is null)
        {
            var id = Environment.GetEnvironmentVariable(ClientIdVariable);
            var secret = Environment.GetEnvironmentVariable(ClientSecretVariable);
            return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret)
                ? throw new CliFailure(ExitCodes.Usage, $"no credentials: pass --credentials <file> or set {ClientIdVariable} and {ClientSecretVariable}")
                : new OperatorCredentials(id, secret);
        }

        try
        {
            var read = JsonSerializer.Deserialize<OperatorCredentials>(File.ReadAllText(file), new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
            return read is { ClientId.Length: > 0, ClientSecret.Length: > 0 }
                ? read
                : throw new CliFailure(ExitCodes.BadInput, $"{file}: expected {{\"clientId\": \"...\", \"clientSecret\": \"...\"}}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliFailure(ExitCodes.BadInput, $"cannot read the credentials in {file}: {e.Message}", e);
        }
    }
}
