using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Catalogue;

namespace MonEspaceSante.Api.Catalogue;

/// <summary><c>/api/v1/catalogue/apps</c>: the referenced apps; operators manage them, everyone may browse.</summary>
public static class CatalogueEndpoints
{
    /// <param name="Name">The app's name, shown to people when they connect it.</param>
    /// <param name="Editor">Who publishes it.</param>
    /// <param name="Scopes">The consent scopes it may ask for.</param>
    /// <param name="Client">How it signs people in (OAuth client): its redirect URIs, and a secret for a confidential app; omitted, the registered ones stay.</param>
    public sealed record ReferenceRequest(string? Name, string? Editor, IReadOnlyList<string>? Scopes, AppClientRequest? Client = null);

    /// <summary>The catalogue of referenced apps.</summary>
    public static MesRoutes MapCatalogue(this MesRoutes routes) => routes.Map(api => api.MapCatalogueEndpoints());

    internal static RouteGroupBuilder MapCatalogueEndpoints(this RouteGroupBuilder api)
    {
        var apps = api.MapGroup("/catalogue/apps").WithTags("Catalogue");
        apps.MapGet("/", (bool? includeWithdrawn, HttpContext http, IGrainFactory grains) =>
                Catalogue(grains).ListAsync(includeWithdrawn == true && Caller.From(http).Role == MesRoles.Operator))
            .WithName("ListCatalogue").WithSummary("The referenced apps and the scopes each may ask for (withdrawn ones too for operators, with ?includeWithdrawn=true).")
            .RequireAuthorization();
        apps.MapGet("/{appId}", async Task<Results<Ok<CatalogueApp>, NotFound>> (string appId, IGrainFactory grains) =>
                await Catalogue(grains).FindAsync(appId) is { } app ? TypedResults.Ok(app) : TypedResults.NotFound())
            .WithName("GetCatalogueApp").WithSummary("One referenced app.")
            .RequireAuthorization();
        apps.MapPut("/{appId}", ReferenceAsync)
            .WithName("ReferenceApp").WithSummary("References an app (or replaces its name, editor and scopes) and registers it as an OAuth client (redirect URIs, and a secret for a confidential app).")
            .RequireAuthorization(OperatorScopes.Catalogue);
        apps.MapDelete("/{appId}", WithdrawAsync)
            .WithName("WithdrawApp").WithSummary("Withdraws an app: nobody can connect it any more, and every token it holds is revoked.")
            .RequireAuthorization(OperatorScopes.Catalogue);
        return api;
    }

    private static async Task<Ok<CatalogueApp>> ReferenceAsync(string appId, ReferenceRequest request, IGrainFactory grains, ClientRegistry clients)
    {
        if (request.Client?.RedirectUris?.FirstOrDefault(u => !u.IsAbsoluteUri || u.Fragment.Length > 0) is { } bad)
        {
            throw new InvalidInputException("client.redirectUris", $"'{bad}' is not an absolute URI without a fragment");
        }

        // The catalogue first: it checks the id, name and scopes; the client follows the listing (a PUT again mends a failure between the two).
        var app = await Catalogue(grains).ReferenceAsync(appId, request.Name ?? "", request.Editor ?? "", request.Scopes ?? []);
        await clients.RegisterAppAsync(appId, app.Name, request.Client);
        return TypedResults.Ok(app);
    }

    private static async Task<Results<NoContent, NotFound>> WithdrawAsync(string appId, IGrainFactory grains, ClientRegistry clients)
    {
        if (!await Catalogue(grains).WithdrawAsync(appId))
        {
            return TypedResults.NotFound();
        }

        await clients.DisableAppAsync(appId);
        return TypedResults.NoContent();
    }

    private static ICatalogueGrain Catalogue(IGrainFactory grains) => grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key);
}
