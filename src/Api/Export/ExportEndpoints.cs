using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Me;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Export;

/// <summary>
/// <c>GET /api/v1/me/export</c>: the whole space as one FHIR Bundle, streamed: the person, consents, documents with
/// their content, agenda, messages and measurements. Access is checked (and a representative's export recorded)
/// before the first byte, so a refusal is a clean 403; every facet then applies its own visibility rules.
/// </summary>
public static class ExportEndpoints
{
    /// <summary>The export of the whole space as one FHIR Bundle.</summary>
    public static MesRoutes MapExport(this MesRoutes routes) => routes.Map(api => api.MapExportEndpoints());

    internal static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me/export", ExportAsync).WithTags("My space").WithName("ExportMySpace")
            .WithSummary("Downloads the whole space as one FHIR Bundle (collection), streamed.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization(MesRoles.Patient);
        return api;
    }

    private static async Task ExportAsync(HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var (space, me) = Caller.MySpace(http);
        var view = await grains.GetPatient(space).BeginExportAsync(me);
        var cancellationToken = http.RequestAborted;
        http.Response.ContentType = FhirRoutes.MediaType + "; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"mon-espace-sante.fhir.json\"";
        await using var writer = new SpaceExportWriter(http.Response.BodyWriter);
        await writer.BeginAsync(clock.GetUtcNow(), cancellationToken);
        var sections = new ExportSections(grains, space, me);
        await writer.WriteAsync(PatientEndpoints.ToFhir(space, view), cancellationToken);
        await foreach (var resource in sections.AllAsync(cancellationToken))
        {
            await writer.WriteAsync(resource, cancellationToken);
        }

        await writer.EndAsync(cancellationToken);
    }
}
