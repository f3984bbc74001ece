using Duende.IdentityModel.Client;

namespace MonEspaceSante.Cli.Login;

/// <summary>Client credentials against the server's authorization server: the token endpoint from its discovery document.</summary>
internal static class OperatorLogin
{
    public static async Task<CachedLogin> RequestAsync(Uri server, HttpMessageHandler handler, OperatorCredentials credentials, string? credentialsFile, string? scope, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = server };
        DiscoveryDocumentResponse discovery;
        try
        {
            discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
            {
                Address = server.AbsoluteUri,
                Policy = new DiscoveryPolicy { RequireHttps = server.Scheme == Uri.UriSchemeHttps, ValidateEndpoints = false, ValidateIssuerName = false },
            }, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"cannot reach the server at {server}: {e.Message}", e);
        }

        if (discovery.IsError)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"the server at {server} publishes no sign-in configuration: {discovery.Error}");
        }

        var token = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = credentials.ClientId,
            ClientSecret = credentials.ClientSecret,
            Scope = scope,
        }, cancellationToken);
        if (token.IsError)
        {
            throw new CliFailure(ExitCodes.NotAllowed, token.Error switch
            {
                _ when token.HttpStatusCode == System.Net.HttpStatusCode.Unauthorized || token.Error == "invalid_client" =>
                    $"the server refused the credentials of client '{credentials.ClientId}'",
                "invalid_scope" => $"client '{credentials.ClientId}' may not ask for {scope}: {token.ErrorDescription}",
                _ => $"no token: {token.Error} {token.ErrorDescription}",
            });
        }

        return new CachedLogin(server.AbsoluteUri, credentials.ClientId, token.AccessToken!, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn), credentialsFile, token.Scope ?? scope ?? "");
    }
}
