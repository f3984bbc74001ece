using Microsoft.AspNetCore.Routing;

namespace MonEspaceSante.Api;

/// <summary>The two route groups every feature maps onto: <c>/api/v1</c> (JSON, problem details) and <c>/fhir</c> (R4, OperationOutcome).</summary>
public sealed record MesRoutes(RouteGroupBuilder Api, RouteGroupBuilder Fhir)
{
    /// <summary>Maps a feature's JSON routes with <paramref name="api"/> and its FHIR routes with <paramref name="fhir"/>.</summary>
    public MesRoutes Map(Func<RouteGroupBuilder, RouteGroupBuilder>? api = null, Func<RouteGroupBuilder, RouteGroupBuilder>? fhir = null)
    {
        api?.Invoke(Api);
        fhir?.Invoke(Fhir);
        return this;
    }
}
