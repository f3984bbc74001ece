using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Me;

/// <summary><c>GET /fhir/Patient/{ins}</c>: the holder reads their own Patient resource.</summary>
public static class PatientEndpoints
{
    /// <summary>The FHIR <c>Patient</c> resource in the CapabilityStatement: read (holder only).</summary>
    public static CapabilityStatement.ResourceComponent Capability { get; } =
        FhirCapability.Resource("Patient", "The holder's own; versioned by the time its space last changed state.", [CapabilityStatement.TypeRestfulInteraction.Read])
            .Versioned(CapabilityStatement.ResourceVersionPolicy.Versioned);

    internal static RouteGroupBuilder MapFhirPatient(this RouteGroupBuilder fhir)
    {
        fhir.MapGet(FhirRoutes.PatientRead, ReadAsync)
            .WithName("FhirPatientRead")
            .WithSummary("Reads the caller's own Patient resource (holder only).")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        return fhir;
    }

    private static async Task<FhirResult> ReadAsync(string ins, ClaimsPrincipal user, IGrainFactory grains)
    {
        var requested = Ins.Parse(ins, "ins");
        var caller = Caller.From(user);
        if (!caller.IsPatient || caller.PatientIns != requested)
        {
            throw new AccessDeniedException("Only the holder of this space may read it.");
        }

        var space = await grains.GetPatient(requested).GetSpaceAsync(caller.AsAccessor("fhir"));
        return new FhirResult(ToFhir(requested, space));
    }

    public static Patient ToFhir(Ins ins, SpaceView space) => new()
    {
        Id = ins.Value,
        Meta = LastChange(space) is { } changed ? FhirVersions.ChangedAt(changed) : FhirVersions.Meta(1, DateTimeOffset.UnixEpoch),
        Identifier =
        [
            new Identifier(IdentifierSystems.InsNir, ins.Value) { Use = Identifier.IdentifierUse.Official },
        ],
        Active = space.Status == EnrollmentStatus.Active,
        Gender = ins.SexDigit switch
        {
            '1' or '3' or '7' => AdministrativeGender.Male,
            '2' or '4' or '8' => AdministrativeGender.Female,
            _ => AdministrativeGender.Unknown,
        },
    };

    /// <summary>When the space last changed state (notified, opposed, opened, closed), if it ever did.</summary>
    private static DateTimeOffset? LastChange(SpaceView space) =>
        new[] { space.Notice?.NotifiedAt, space.OpposedAt, space.ActivatedAt, space.ClosedAt }.Max();
}
