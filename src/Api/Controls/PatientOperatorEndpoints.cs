using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Me;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Controls;

/// <summary><c>/api/v1/patients/{ins}/opposition</c>: an operator records an opposition made by phone or post.</summary>
public static class PatientOperatorEndpoints
{
    internal static RouteGroupBuilder MapPatientOperatorEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/patients/{ins}/opposition", OpposeAsync)
            .WithTags("Waves")
            .WithName("OpposeOnBehalf")
            .WithSummary("Records a person's opposition received by phone or post, until the deadline (409 after it).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(OperatorScopes.Waves);
        return api;
    }

    private static async Task<Ok<SpaceResponse>> OpposeAsync(string ins, HttpContext http, IGrainFactory grains)
    {
        var person = Ins.Parse(ins, "ins");
        var view = await grains.GetPatient(person).OpposeOnBehalfAsync(Security.Caller.From(http).AsAccessor("api"));
        return TypedResults.Ok(SpaceResponse.From(person.Value, view));
    }
}
