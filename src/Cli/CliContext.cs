using System.CommandLine;
using MonEspaceSante.Cli.Http;
using MonEspaceSante.Cli.Login;

namespace MonEspaceSante.Cli;

/// <summary>What every command needs: the consoles, the global options, and how to reach the server.</summary>
internal sealed class CliContext(CliConsoles consoles, Func<Uri, HttpMessageHandler> handlerFactory)
{
    public CliConsoles Consoles => consoles;

    public GlobalOptions Global { get; } = new();

    /// <summary>Where <c>mes login</c> keeps its tokens (<c>--login-cache</c>, MES_CACHE_DIR, else the user's local application data).</summary>
    public TokenCache CacheOf(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new TokenCache(parse.GetValue(Global.LoginCache) ?? TokenCache.DefaultDirectory);
    }

    public Uri ServerAddressOf(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return ServerAddress(parse.GetValue(Global.Server));
    }

    public HttpMessageHandler HandlerFor(Uri server) => handlerFactory(server);

    /// <summary>An action that reports failures in one line and returns their exit code.</summary>
    public Func<ParseResult, CancellationToken, Task<int>> Guarded(Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (CliFailure failure)
            {
                Say.Error(consoles.Error, failure.Message);
                return failure.ExitCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Say.Error(consoles.Error, "interrupted");
                return ExitCodes.Interrupted;
            }
        };

    /// <summary>
    /// The server named by <c>--server</c>, with the token of <c>--token</c> or MES_TOKEN, else <c>--dev-token</c>, else the
    /// one <c>mes login</c> keeps (asked again with the same credentials when it is about to expire).
    /// </summary>
    public async Task<MesServer> ConnectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var address = ServerAddress(parse.GetValue(Global.Server));
        var token = parse.GetValue(Global.Token);
        if (parse.GetValue(Global.DevToken))
        {
            token = await MintDevTokenAsync(address, cancellationToken);
        }
        else if (token is null && CacheOf(parse).Find(address) is { } login)
        {
            if (login.ExpiresAt < DateTimeOffset.UtcNow.AddMinutes(1))
            {
                login = await OperatorLogin.RequestAsync(address, handlerFactory(address), OperatorCredentials.Read(login.CredentialsFile), login.CredentialsFile,
                    string.IsNullOrEmpty(login.Scope) ? null : login.Scope, cancellationToken);
                CacheOf(parse).Save(login);
            }

            token = login.AccessToken;
        }

        return new MesServer(address, handlerFactory(address), token);
    }

    private async Task<string> MintDevTokenAsync(Uri address, CancellationToken cancellationToken)
    {
        using var anonymous = new MesServer(address, handlerFactory(address), null);
        try
        {
            var minted = await anonymous.PostAsync<DevToken>("dev/token", new DevTokenRequest("operator", "mes-cli"), cancellationToken);
            return minted.AccessToken;
        }
        catch (CliFailure failure) when (failure.ExitCode != ExitCodes.Unreachable)
        {
            throw new CliFailure(ExitCodes.NotAllowed, "the server does not mint development tokens (it runs outside Development): sign in with mes login, or pass --token", failure);
        }
    }

    private static Uri ServerAddress(string? text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliFailure(ExitCodes.BadInput, $"--server: expected an http:// or https:// URL, got '{text}'");
        }

        // Paths are relative to the base, so that a server behind a path prefix works too.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}
