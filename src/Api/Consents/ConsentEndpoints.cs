using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Consents;

/// <summary>
/// <c>GET /fhir/Consent?patient=</c>: the apps a person connected, as FHIR <c>Consent</c> resources
/// (active, or inactive once revoked). An app sees only its own; reads by others are recorded.
/// </summary>
public static class ConsentEndpoints
{
    /// <summary>The code system of our consent scopes in <c>Consent.provision.action</c>.</summary>
    public const string ScopeSystem = "urn:mes:consent-scope";

    /// <summary>The system of app ids in <c>Consent.provision.actor</c>.</summary>
    public const string AppSystem = "urn:mes:app";

    internal static RouteGroupBuilder MapFhirConsentEndpoints(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Consent", SearchAsync).WithName("FhirConsentSearch")
            .WithSummary("The consents a person gave to referenced apps: patient (INS; the holder's own by default).")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        return fhir;
    }

    private static async Task<FhirResult> SearchAsync(HttpContext http, IGrainFactory grains)
    {
        SearchBundle.Check(http, FhirPatientParameter.Names);
        var caller = Caller.From(http);
        var ins = FhirPatientParameter.Resolve(http.Request, caller);
        var consents = await grains.GetGrain<IPatientConsentsGrain>(PatientKey.From(ins)).ReadConsentsAsync(caller.AsAccessor("fhir"));
        var bundle = SearchBundle.Start(http, FhirPatientParameter.Names, consents.Count, "_page", null);
        foreach (var consent in consents)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:mes:consent:{consent.AppId}", Resource = ToFhir(ins, consent) });
        }

        return new FhirResult(bundle);
    }

    public static Consent ToFhir(Ins ins, AppConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new Consent
        {
            Id = consent.AppId,
            Meta = FhirVersions.ChangedAt(consent.RevokedAt ?? consent.GrantedAt),
            Status = consent.IsLive ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = new ResourceReference { Identifier = new Identifier(IdentifierSystems.InsNir, ins.Value) },
            DateTimeElement = new FhirDateTime(consent.GrantedAt),
            Policy = [new Consent.PolicyComponent { Uri = "https://www.monespacesante.fr" }],
            Provision = new Consent.provisionComponent
            {
                Type = Consent.ConsentProvisionType.Permit,
                Period = new Period { StartElement = new FhirDateTime(consent.GrantedAt), EndElement = consent.RevokedAt is { } revoked ? new FhirDateTime(revoked) : null },
                Actor =
                [
                    new Consent.provisionActorComponent
                    {
                        Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"),
                        Reference = new ResourceReference { Identifier = new Identifier(AppSystem, consent.AppId) },
                    },
                ],
                Action = consent.Scopes.Select(s => new CodeableConcept(ScopeSystem, s)).ToList(),
            },
        };
    }
}
