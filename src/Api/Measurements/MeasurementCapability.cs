using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;

namespace MonEspaceSante.Api.Measurements;

/// <summary>The FHIR <c>Observation</c> resource in the CapabilityStatement: create (single or in a Bundle) and search.</summary>
public static class MeasurementCapability
{
    public static CapabilityStatement.ResourceComponent Observation { get; } = Build();

    private static CapabilityStatement.ResourceComponent Build()
    {
        var resource = FhirCapability.Resource(
            "Observation",
            null,
            [CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.SearchType],
            FhirCapability.Search("patient", SearchParamType.Reference),
            FhirCapability.Search("code", SearchParamType.Token),
            FhirCapability.Search("date", SearchParamType.Date),
            FhirCapability.Search("_count", SearchParamType.Number));
        resource.SupportedProfile =
        [
            "https://interop.esante.gouv.fr/ig/fhir/mesures/StructureDefinition/mesures-*",
            "http://esante.gouv.fr/ci-sis/fhir/StructureDefinition/ENS_*",
        ];
        return resource;
    }
}
