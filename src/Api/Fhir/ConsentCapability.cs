using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Fhir;

/// <summary>The FHIR <c>Consent</c> resource in the CapabilityStatement: search by patient.</summary>
public static class ConsentCapability
{
    public static CapabilityStatement.ResourceComponent Resource => new()
    {
        Type = "Consent",
        Interaction =
        [
            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
        ],
        SearchParam =
        [
            new CapabilityStatement.SearchParamComponent { Name = "patient", Type = SearchParamType.Reference },
        ],
    };
}
