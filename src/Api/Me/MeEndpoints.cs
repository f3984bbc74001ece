using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Me;

/// <summary><c>/api/v1/me</c>: the holder's own space and its opening lifecycle.</summary>
public static class MeEndpoints
{
    /// <summary>The person's space: its state, opening, opposition, closure, erasure request, access history (JSON), and the FHIR Patient.</summary>
    public static MesRoutes MapSpace(this MesRoutes routes) => routes.Map(api => api.MapMeEndpoints(), fhir => fhir.MapFhirPatient());

    internal static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("My space").RequireAuthorization(MesRoles.Patient);

        me.MapGet("/", (HttpContext http, IGrainFactory grains) => RunAsync(http, grains, (p, me) => p.GetSpaceAsync(me)))
            .WithName("GetMySpace")
            .WithSummary("The caller's space and where it stands (not notified, notified, opposed, active, closed).");
        me.MapPost("/activation", (HttpContext http, IGrainFactory grains) => RunAsync(http, grains, (p, me) => p.ActivateAsync(me)))
            .WithName("ActivateMySpace")
            .WithSummary("Opens the space now (possible at any time, also after opposing; reopens a closed space).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/opposition", (HttpContext http, IGrainFactory grains) => RunAsync(http, grains, (p, me) => p.OpposeAsync(me)))
            .WithName("OpposeMySpace")
            .WithSummary("Opposes the opening of the space, until the deadline.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/closure", (HttpContext http, IGrainFactory grains) => RunAsync(http, grains, (p, me) => p.CloseAsync(me)))
            .WithName("CloseMySpace")
            .WithSummary("Closes an open space; its data is archived for 10 years and it can be reopened meanwhile.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/erasure-request", (HttpContext http, IGrainFactory grains) => RunAsync(http, grains, (p, me) => p.RequestErasureAsync(me)))
            .WithName("RequestMySpaceErasure")
            .WithSummary("Asks for the space to be erased before its archive period ends (an open space is closed first): everything is deleted a month later (erasureDueAt); download the export before then.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        me.MapDelete("/erasure-request", (HttpContext http, IGrainFactory grains) => RunAsync(http, grains, (p, me) => p.WithdrawErasureAsync(me)))
            .WithName("WithdrawMySpaceErasure")
            .WithSummary("Takes a request for early erasure back: the closed space is erased at the end of its archive period again (reopening it also does).");
        me.MapGet("/access-history", (long? before, int? limit, HttpContext http, IGrainFactory grains) =>
            {
                var (space, me) = Caller.MySpace(http);
                return grains.GetPatient(space).GetAccessHistoryAsync(me, before, limit ?? 100);
            })
            .WithName("GetMyAccessHistory")
            .WithSummary("Who else read or wrote data of this space, when, what and how; newest first, page with ?before=<id>.");
        return api;
    }

    private static async Task<Ok<SpaceResponse>> RunAsync(HttpContext http, IGrainFactory grains, Func<IPatientGrain, Accessor, Task<SpaceView>> action)
    {
        var ins = Caller.OwnSpace(http);
        var view = await action(grains.GetPatient(ins), Caller.From(http).AsAccessor("api"));
        return TypedResults.Ok(SpaceResponse.From(ins.Value, view));
    }
}
