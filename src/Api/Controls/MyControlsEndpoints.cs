using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Controls;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Controls;

/// <summary><c>/api/v1/me/controls</c>: blocked professionals and refusals of emergency and break-glass access.</summary>
public static class MyControlsEndpoints
{
    /// <summary>Whether an urgent access mode is allowed.</summary>
    public sealed record AllowedRequest(bool? Allowed);

    /// <summary>A minor the caller represents.</summary>
    public sealed record RepresentedMinor(string Ins);

    /// <summary>The holder's controls, the legal representatives operators record, and what operators do on a person's behalf.</summary>
    public static MesRoutes MapControls(this MesRoutes routes) => routes.Map(api => api.MapMyControlsEndpoints().MapRepresentativeEndpoints().MapPatientOperatorEndpoints());

    internal static RouteGroupBuilder MapMyControlsEndpoints(this RouteGroupBuilder api)
    {
        var controls = api.MapGroup("/me/controls").WithTags("My controls").RequireAuthorization(MesRoles.Patient);
        controls.MapGet("/", (HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.GetControlsAsync(me)))
            .WithName("GetMyControls").WithSummary("Blocked professionals, and whether emergency and break-glass access are allowed.");
        controls.MapPut("/blocked-professionals/{rpps}", (string rpps, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.SetBlockedAsync(me, rpps, true)))
            .WithName("BlockProfessional").WithSummary("Blocks a professional (RPPS): from their next request they neither read nor write this space.");
        controls.MapDelete("/blocked-professionals/{rpps}", (string rpps, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.SetBlockedAsync(me, rpps, false)))
            .WithName("UnblockProfessional").WithSummary("Unblocks a professional.");
        controls.MapDelete("/care-relationships/{rpps}", (string rpps, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.EndCareRelationshipAsync(me, rpps)))
            .WithName("EndCareRelationship").WithSummary("Ends a professional's declared care relationship: their next access needs the person's agreement declared again.");
        controls.MapPut("/emergency-access", (AllowedRequest request, HttpContext http, IGrainFactory grains) =>
                Run(http, grains, (g, me) => g.SetEmergencyAccessAsync(me, Required(request))))
            .WithName("SetEmergencyAccess").WithSummary("Allows or refuses emergency access by regulation centres (SAMU): {\"allowed\": false}.");
        controls.MapPut("/break-glass", (AllowedRequest request, HttpContext http, IGrainFactory grains) =>
                Run(http, grains, (g, me) => g.SetBreakGlassAsync(me, Required(request))))
            .WithName("SetBreakGlass").WithSummary("Allows or refuses break-glass access: {\"allowed\": false}.");
        api.MapGet("/me/represented", async (HttpContext http, IGrainFactory grains) =>
            {
                var ins = Caller.OwnSpace(http);
                var minors = await grains.GetGrain<IPatientControlsGrain>(PatientKey.From(ins)).GetRepresentedAsync(Caller.From(http).AsAccessor("api"));
                return TypedResults.Ok(minors.Select(m => new RepresentedMinor(m)).ToList());
            })
            .WithTags("My controls").RequireAuthorization(MesRoles.Patient)
            .WithName("GetMyRepresentedMinors").WithSummary("The minors the caller is a legal representative of (act in their space with X-Act-For: <their INS>).");
        return api;
    }

    private static bool Required(AllowedRequest request) =>
        request.Allowed ?? throw new MonEspaceSante.Interfaces.Errors.InvalidInputException("allowed", "is required (true or false)");

    private static async Task<Ok<SpaceControls>> Run(HttpContext http, IGrainFactory grains, Func<IPatientControlsGrain, Interfaces.Access.Accessor, Task<SpaceControls>> action)
    {
        var (space, me) = Caller.MySpace(http);
        return TypedResults.Ok(await action(grains.GetGrain<IPatientControlsGrain>(PatientKey.From(space)), me));
    }
}
