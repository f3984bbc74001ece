using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;

namespace MonEspaceSante.Api.Consents;

/// <summary>The FHIR <c>Consent</c> resource in the CapabilityStatement: search by patient.</summary>
public static class ConsentCapability
{
    public static CapabilityStatement.ResourceComponent Resource { get; } = FhirCapability.Resource(
        "Consent",
        null,
        [CapabilityStatement.TypeRestfulInteraction.SearchType],
        FhirCapability.Search("patient", SearchParamType.Reference, "The person: an INS, Patient/INS or system|INS; the holder's own by default."))
        .Versioned(CapabilityStatement.ResourceVersionPolicy.Versioned);
}
