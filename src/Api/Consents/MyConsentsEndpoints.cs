using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Consents;

/// <summary><c>/api/v1/me/consents</c>: the apps the holder connected, and what each may do.</summary>
public static class MyConsentsEndpoints
{
    public sealed record GrantRequest(IReadOnlyList<string>? Scopes);

    /// <summary>The person's consents to apps (JSON) and as FHIR Consent.</summary>
    public static MesRoutes MapConsents(this MesRoutes routes) => routes.Map(api => api.MapMyConsentsEndpoints(), fhir => fhir.MapFhirConsentEndpoints());

    internal static RouteGroupBuilder MapMyConsentsEndpoints(this RouteGroupBuilder api)
    {
        var consents = api.MapGroup("/me/consents").WithTags("My consents").RequireAuthorization(MesRoles.Patient);
        consents.MapGet("/", (HttpContext http, IGrainFactory grains) => Facet(http, grains).GetConsentsAsync(Holder(http)))
            .WithName("GetMyConsents").WithSummary("Every app connected, live or revoked, with its scopes.");
        consents.MapPut("/{appId}", GrantAsync).WithName("GrantConsent")
            .WithSummary("Connects an app with scopes such as measurements.write:glucose (replaces its scopes). The space must be open.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        consents.MapDelete("/{appId}", RevokeAsync).WithName("RevokeConsent")
            .WithSummary("Revokes an app's consent: from its very next request it reads and writes nothing.");
        return api;
    }

    private static async Task<Ok<AppConsent>> GrantAsync(string appId, GrantRequest request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await Facet(http, grains).GrantAsync(Holder(http), appId, request.Scopes ?? []));

    /// <summary>The consent first (from then on the grain refuses the app), then the app's tokens for this person, so that its next refresh fails too.</summary>
    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string appId, HttpContext http, IGrainFactory grains, ClientRegistry clients)
    {
        if (!await Facet(http, grains).RevokeAsync(Holder(http), appId))
        {
            return TypedResults.NotFound();
        }

        await clients.RevokePairingAsync(appId, Caller.OwnSpace(http));
        return TypedResults.NoContent();
    }

    private static Accessor Holder(HttpContext http) => Caller.From(http).AsAccessor("api");

    private static IPatientConsentsGrain Facet(HttpContext http, IGrainFactory grains) =>
        grains.GetGrain<IPatientConsentsGrain>(PatientKey.From(Caller.OwnSpace(http)));
}
