using System.CommandLine;

namespace MonEspaceSante.Cli;

/// <summary>Options every command takes: where the server is and who the operator is.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultServer = "http://localhost:5080";

    public Option<string> Server { get; } = new("--server")
    {
        Description = $"The server's base URL (env MES_SERVER; default {DefaultServer}).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MES_SERVER") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultServer,
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "An operator bearer token (env MES_TOKEN).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MES_TOKEN") is { Length: > 0 } fromEnvironment ? fromEnvironment : null,
        Recursive = true,
    };

    public Option<bool> DevToken { get; } = new("--dev-token")
    {
        Description = "Mint an operator token from the server's development endpoint (POST /dev/token; a server in Development only). Elsewhere: mes login.",
        Recursive = true,
    };

    public Option<string> LoginCache { get; } = new("--login-cache")
    {
        Description = "Where mes login keeps its tokens (env MES_CACHE_DIR; default: the user's local application data).",
        DefaultValueFactory = _ => Login.TokenCache.DefaultDirectory,
        Recursive = true,
    };

    public IEnumerable<Option> All => [Server, Token, DevToken, LoginCache];
}
