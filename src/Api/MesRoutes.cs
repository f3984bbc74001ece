using Microsoft.AspNetCore.Routing;

namespace MonEspaceSante.Api;

/// <summary>The two route groups every feature maps onto: <c>/api/v1</c> (JSON, problem details) and <c>/fhir</c> (R4, OperationOutcome).</summary>
public sealed record MesRoutes(RouteGroupBuilder Api, RouteGroupBuilder Fhir);
