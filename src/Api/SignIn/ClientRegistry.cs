using System.Text.Json;
using MonEspaceSante.Interfaces.Identity;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MonEspaceSante.Api.SignIn;

/// <summary>A client as the sign-in endpoints need it.</summary>
/// <param name="ClientId">Its client id (a referenced app's is its catalogue id).</param>
/// <param name="Kind">Who it acts for.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="Scopes">Operators: the capability scopes it may ask for.</param>
/// <param name="Enabled">False for a withdrawn app: nothing is issued to it.</param>
public sealed record RegisteredClient(string ClientId, ClientKind Kind, string? DisplayName, IReadOnlyList<string> Scopes, bool Enabled);

/// <summary>How a referenced app authenticates at the token endpoint: public with PKCE (mobile apps), or with a secret.</summary>
/// <param name="RedirectUris">Where the person comes back with a code (exact match).</param>
/// <param name="Secret">A confidential app's secret; null for a public app.</param>
public sealed record AppClientRequest(IReadOnlyList<Uri>? RedirectUris, string? Secret);

/// <summary>
/// The OAuth clients in OpenIddict's store: configured ones (frontends, professionals' software, operators) and every
/// app of the catalogue, registered when it is referenced and disabled when it is withdrawn; and the revocation of a
/// person's pairing with an app (the consent is the grain's, the tokens are OpenIddict's).
/// </summary>
public sealed class ClientRegistry(IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    private const string KindProperty = "mes_kind";
    private const string ScopesProperty = "mes_scopes";

    public async Task<RegisteredClient?> FindAsync(string clientId)
    {
        var application = await applications.FindByClientIdAsync(clientId);
        if (application is null)
        {
            return null;
        }

        var properties = await applications.GetPropertiesAsync(application);
        var kind = properties.TryGetValue(KindProperty, out var k) && Enum.TryParse<ClientKind>(k.GetString(), out var parsed) ? parsed : ClientKind.App;
        var scopes = properties.TryGetValue(ScopesProperty, out var s) ? s.EnumerateArray().Select(e => e.GetString()!).ToList() : [];
        var enabled = (await applications.GetPermissionsAsync(application)).Contains(Permissions.Endpoints.Token);
        return new RegisteredClient(clientId, kind, await applications.GetDisplayNameAsync(application), scopes, enabled);
    }

    /// <summary>Registers or updates a configured client.</summary>
    public Task EnsureAsync(ClientSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var clientId = setting.ClientId ?? throw new InvalidOperationException($"{SignInSettings.Section}:Clients: a client has no ClientId.");
        return UpsertAsync(clientId, setting.DisplayName ?? clientId, setting.Kind, setting.RedirectUris, setting.PostLogoutRedirectUris, setting.Secret, setting.Scopes);
    }

    /// <summary>The client of a referenced app, created or updated (enabled again if it had been withdrawn).</summary>
    public Task RegisterAppAsync(string appId, string name, AppClientRequest? client) =>
        UpsertAsync(appId, name, ClientKind.App, client?.RedirectUris, [], client?.Secret, []);

    /// <summary>A withdrawn app: it is issued nothing more, and every token and grant it holds is revoked.</summary>
    public async Task DisableAppAsync(string appId)
    {
        var application = await applications.FindByClientIdAsync(appId);
        if (application is null)
        {
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application);
        descriptor.Permissions.Clear();
        await applications.UpdateAsync(application, descriptor);
        var id = await StoreIdAsync(application);
        await authorizations.RevokeByApplicationIdAsync(id);
        await tokens.RevokeByApplicationIdAsync(id);
    }

    /// <summary>The person revoked the app: its grants and tokens for that person are revoked, so its next request and refresh fail.</summary>
    public async Task RevokePairingAsync(string appId, Ins person)
    {
        var application = await applications.FindByClientIdAsync(appId);
        if (application is null)
        {
            return;
        }

        var id = await StoreIdAsync(application);
        await authorizations.RevokeAsync(person.Value, id, status: null, type: null);
        await tokens.RevokeAsync(person.Value, id, status: null, type: null);
    }

    /// <summary>The client's store id, which OpenIddict's revocations take as their "client" argument (not its client_id).</summary>
    private async Task<string> StoreIdAsync(object application) =>
        await applications.GetIdAsync(application) ?? throw new InvalidOperationException("A stored client has no id.");

    /// <summary>A sign-out: the grant the identity token names, and every token issued under it, are revoked.</summary>
    public async Task EndGrantAsync(string authorizationId)
    {
        if (await authorizations.FindByIdAsync(authorizationId) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization);
        }

        await tokens.RevokeByAuthorizationIdAsync(authorizationId);
    }

    /// <summary>Creates or updates a client; <paramref name="redirects"/> null keeps the registered ones (and the secret, unless a new one is given).</summary>
    private async Task UpsertAsync(string clientId, string name, ClientKind kind, IReadOnlyList<Uri>? redirects, IReadOnlyList<Uri> postLogout, string? secret, IReadOnlyList<string> scopes)
    {
        var application = await applications.FindByClientIdAsync(clientId);
        var descriptor = new OpenIddictApplicationDescriptor();
        if (application is not null)
        {
            await applications.PopulateAsync(descriptor, application);
        }

        descriptor.ClientId = clientId;
        descriptor.DisplayName = name;
        if (secret is not null)
        {
            descriptor.ClientSecret = secret;
        }
        else if (redirects is not null)
        {
            // Given again without a secret: a public client now.
            descriptor.ClientSecret = null;
        }

        descriptor.ClientType = descriptor.ClientSecret is null ? ClientTypes.Public : ClientTypes.Confidential;

        descriptor.ConsentType = kind == ClientKind.App ? ConsentTypes.Explicit : ConsentTypes.Implicit;
        if (redirects is not null)
        {
            descriptor.RedirectUris.Clear();
            descriptor.RedirectUris.UnionWith(redirects);
        }

        descriptor.PostLogoutRedirectUris.Clear();
        descriptor.PostLogoutRedirectUris.UnionWith(postLogout);
        descriptor.Permissions.Clear();
        descriptor.Permissions.UnionWith(kind == ClientKind.Operator
            ? [Permissions.Endpoints.Token, Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials]
            : [Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.Endpoints.EndSession,
               Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
        descriptor.Requirements.Clear();
        if (kind != ClientKind.Operator)
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        descriptor.Properties[KindProperty] = JsonSerializer.SerializeToElement(kind.ToString());
        descriptor.Properties[ScopesProperty] = JsonSerializer.SerializeToElement(scopes);
        if (application is null)
        {
            await applications.CreateAsync(descriptor);
        }
        else
        {
            await applications.UpdateAsync(application, descriptor);
        }
    }
}
