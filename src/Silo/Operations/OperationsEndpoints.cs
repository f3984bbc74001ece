using MonEspaceSante.Api.Security;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace MonEspaceSante.Silo.Operations;

/// <summary>
/// The OpenAPI document and its UI, and the operators' dashboard: agents reach it with a session at this server,
/// opened by the code flow at the operators' provider (the Development sign-in page locally), never with a token in a URL.
/// </summary>
public static class OperationsEndpoints
{
    public static WebApplication MapMesOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Mon espace santé API")).AllowAnonymous();
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(AuthenticationSetup.DashboardPolicy);

        // The dashboard would show any grain's state, and a person's state is health data: it is read only through
        // the API, where access is checked and recorded. This route wins over the dashboard's own (lower order).
        app.MapGet("/dashboard/GrainState", RefuseGrainState).RequireAuthorization(AuthenticationSetup.DashboardPolicy).ExcludeFromDescription()
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = -1);
        return app;
    }

    private static IResult RefuseGrainState() => throw new MonEspaceSante.Interfaces.Errors.AccessDeniedException(
        "The dashboard does not show grain state: a person's state is health data, readable only through the API.");
}
