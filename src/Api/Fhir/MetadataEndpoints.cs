using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MonEspaceSante.Api.Fhir;

/// <summary><c>GET /fhir/metadata</c>: the server's CapabilityStatement, readable without a token.</summary>
public static class MetadataEndpoints
{
    public static MesRoutes MapFhirMetadata(this MesRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Fhir.MapGet(FhirRoutes.Metadata, (TimeProvider clock) => new FhirResult(Build(clock)))
            .WithName("FhirCapabilityStatement")
            .WithSummary("The FHIR R4 CapabilityStatement of this server.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .AllowAnonymous();
        return routes;
    }

    private static CapabilityStatement Build(TimeProvider clock) => new()
    {
        Id = "mon-espace-sante",
        Status = PublicationStatus.Active,
        Date = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Kind = CapabilityStatementKind.Instance,
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [.. FhirFormats.Declared],
        Software = new CapabilityStatement.SoftwareComponent { Name = "Mon espace santé" },
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Description = "OAuth2 bearer tokens (JWT). Roles: patient, professional, app, operator.",
                },
                Resource =
                [
                    Me.PatientEndpoints.Capability,
                    Measurements.MeasurementCapability.Observation,
                    Consents.ConsentCapability.Resource,
                    .. Documents.DocumentCapability.Resources,
                    .. Agenda.AgendaCapability.Resources,
                    .. Inbox.InboxCapability.Resources,
                ],
                Interaction =
                [
                    new CapabilityStatement.SystemInteractionComponent
                    {
                        Code = CapabilityStatement.SystemRestfulInteraction.Batch,
                        Documentation = "Observations (and their Device): valid entries kept, each entry's response says why one was refused.",
                    },
                    new CapabilityStatement.SystemInteractionComponent
                    {
                        Code = CapabilityStatement.SystemRestfulInteraction.Transaction,
                        Documentation = "Observations (and their Device): all or nothing.",
                    },
                ],
            },
        ],
    };
}
