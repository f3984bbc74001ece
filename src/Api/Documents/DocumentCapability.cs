using Hl7.Fhir.Model;
using static Hl7.Fhir.Model.CapabilityStatement;
using static MonEspaceSante.Api.Fhir.FhirCapability;

namespace MonEspaceSante.Api.Documents;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement.</summary>
public static class DocumentCapability
{
    private static ResourceComponent DocumentReference()
    {
        var resource = Resource(
            "DocumentReference",
            "ANS document sharing (IHE MHD): deposit with content inline or as Binary/<id>, replace (relatesTo replaces), delete by the author, $reveal.",
            [TypeRestfulInteraction.Create, TypeRestfulInteraction.Read, TypeRestfulInteraction.Delete, TypeRestfulInteraction.SearchType],
            Search("patient", SearchParamType.Reference, "The person: an INS, Patient/INS or system|INS; the holder's own by default."),
            Search("category", SearchParamType.Token, "The class (TRE_A03 code), comma-separated."),
            Search("type", SearchParamType.Token, "The LOINC type, comma-separated."),
            Search("date", SearchParamType.Date, "The date of care (context.period.start), else the deposit date."),
            Search("_count", SearchParamType.Number)).Versioned(ResourceVersionPolicy.Versioned, conditionalCreate: true);
        resource.Operation =
        [
            new OperationComponent { Name = "reveal", Definition = "urn:mes:operation:reveal", Documentation = "POST DocumentReference/{id}/$reveal: a professional shows an INVISIBLE_PATIENT document to the patient." },
        ];
        return resource;
    }

    public static IReadOnlyList<ResourceComponent> Resources { get; } =
    [
        DocumentReference(),
        Resource(
            "Binary",
            "Create: a content uploaded before its DocumentReference. Read: a document's content (Binary id = DocumentReference id).",
            [TypeRestfulInteraction.Create, TypeRestfulInteraction.Read]).Versioned(ResourceVersionPolicy.Versioned),
    ];
}
