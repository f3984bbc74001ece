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
        routes.Fhir.MapGet(FhirRoutes.Metadata, (TimeProvider clock, HttpContext http) => new FhirResult(Build(clock, FhirBase.Of(http))))
            .WithName("FhirCapabilityStatement")
            .WithSummary("The FHIR R4 CapabilityStatement of this server.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .AllowAnonymous();
        return routes;
    }

    private static CapabilityStatement Build(TimeProvider clock, Uri fhirBase) => new()
    {
        Id = "mon-espace-sante",
        Status = PublicationStatus.Active,
        Date = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Kind = CapabilityStatementKind.Instance,
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [.. FhirFormats.Declared],
        Software = new CapabilityStatement.SoftwareComponent { Name = "Mon espace santé" },

        // An instance's statement names the instance (invariant cpb-14).
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "Mon espace santé", Url = fhirBase.AbsoluteUri },
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = Security(fhirBase),
                Resource =
                [
                    Me.PatientEndpoints.Capability,
                    Measurements.MeasurementCapability.Observation,
                    Devices.DeviceEndpoints.Capability,
                    Consents.ConsentCapability.Resource,
                    .. Documents.DocumentCapability.Resources,
                    .. Agenda.AgendaCapability.Resources,
                    .. Inbox.InboxCapability.Resources,
                    .. Profile.ProfileCapability.Resources,
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

    /// <summary>SMART on FHIR: the service, and the OAuth endpoints for clients that read them here rather than in <c>.well-known/smart-configuration</c>.</summary>
    private static CapabilityStatement.SecurityComponent Security(Uri fhirBase)
    {
        var server = new Uri(fhirBase, "../");
        var uris = new Extension { Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris" };
        foreach (var (name, route) in new[]
        {
            ("authorize", SignIn.SignInRoutes.Authorize), ("token", SignIn.SignInRoutes.Token),
            ("introspect", SignIn.SignInRoutes.Introspect), ("revoke", SignIn.SignInRoutes.Revoke),
        })
        {
            uris.Extension.Add(new Extension(name, new FhirUri(new Uri(server, route).AbsoluteUri)));
        }

        var security = new CapabilityStatement.SecurityComponent
        {
            Cors = false,
            Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
            Description = "OAuth 2 / SMART App Launch 2 bearer tokens from this server (see .well-known/smart-configuration). Roles: patient, professional, app, operator.",
        };
        security.Extension.Add(uris);
        return security;
    }
}
