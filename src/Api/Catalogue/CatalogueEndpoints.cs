using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Catalogue;

namespace MonEspaceSante.Api.Catalogue;

/// <summary><c>/api/v1/catalogue/apps</c>: the referenced apps; operators manage them, everyone may browse.</summary>
public static class CatalogueEndpoints
{
    public sealed record ReferenceRequest(string? Name, string? Editor, IReadOnlyList<string>? Scopes);

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
        apps.MapPut("/{appId}", async (string appId, ReferenceRequest request, IGrainFactory grains) =>
                TypedResults.Ok(await Catalogue(grains).ReferenceAsync(appId, request.Name ?? "", request.Editor ?? "", request.Scopes ?? [])))
            .WithName("ReferenceApp").WithSummary("References an app (or replaces its name, editor and scopes).")
            .RequireAuthorization(MesRoles.Operator);
        apps.MapDelete("/{appId}", async Task<Results<NoContent, NotFound>> (string appId, IGrainFactory grains) =>
                await Catalogue(grains).WithdrawAsync(appId) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("WithdrawApp").WithSummary("Withdraws an app from the catalogue: nobody can connect it any more.")
            .RequireAuthorization(MesRoles.Operator);
        return api;
    }

    private static ICatalogueGrain Catalogue(IGrainFactory grains) => grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key);
}
