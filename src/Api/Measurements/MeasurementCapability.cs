using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;

namespace MonEspaceSante.Api.Measurements;

/// <summary>The FHIR <c>Observation</c> resource in the CapabilityStatement: create (single or in a Bundle), read, vread and search.</summary>
public static class MeasurementCapability
{
    public static CapabilityStatement.ResourceComponent Observation { get; } = Build();

    private static CapabilityStatement.ResourceComponent Build()
    {
        var resource = FhirCapability.Resource(
            "Observation",
            "A person's measurements, pushed by consented apps. A reading never changes: its only version is 1, and its id comes from "
                + "(person, app, identifier), so a resend names the same Observation. A 201 means committed to the person's durable stream; "
                + "the read by id finds it once stored, within moments.",
            [
                CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read,
                CapabilityStatement.TypeRestfulInteraction.Vread, CapabilityStatement.TypeRestfulInteraction.SearchType,
            ],
            FhirCapability.Search("patient", SearchParamType.Reference, "The person: an INS, Patient/INS or system|INS; the holder's own by default."),
            FhirCapability.Search("subject", SearchParamType.Reference, "Same as patient."),
            FhirCapability.Search("patient.identifier", SearchParamType.Token, "The person by INS identifier: system|INS."),
            FhirCapability.Search("subject.identifier", SearchParamType.Token, "Same as patient.identifier, as the national measurement API names it."),
            FhirCapability.Search("code", SearchParamType.Token, "LOINC codes of the measures, comma-separated (system|code or code)."),
            FhirCapability.Search("date", SearchParamType.Date, "When measured: eq, ge, gt, le or lt, repeatable to bound both ends."),
            FhirCapability.Search("_sort", SearchParamType.String, "-date (newest first, the default) or date."),
            FhirCapability.Search("_count", SearchParamType.Number, "Readings per page: 1 to 100, 50 by default."),
            FhirCapability.Search("_offset", SearchParamType.Number, "Readings to skip, up to 100,000; the next link resumes from a cursor instead."),
            FhirCapability.Search("_summary", SearchParamType.Token, "count: the total only."),
            FhirCapability.Search("_total", SearchParamType.Token, "accurate or estimate counts every match; none, or no _total, counts only when the first page holds them all (free)."),
            FhirCapability.Search("_page", SearchParamType.String, "The opaque cursor a next link carries."));
        resource.Versioned(CapabilityStatement.ResourceVersionPolicy.Versioned, conditionalCreate: true);
        resource.SearchInclude = ["Observation:device"];
        resource.SupportedProfile =
        [
            "https://interop.esante.gouv.fr/ig/fhir/mesures/StructureDefinition/mesures-*",
            "http://esante.gouv.fr/ci-sis/fhir/StructureDefinition/ENS_*",
        ];
        return resource;
    }
}
