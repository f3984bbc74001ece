using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Documents;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement.</summary>
public static class DocumentCapability
{
    public static IReadOnlyList<CapabilityStatement.ResourceComponent> Resources { get; } =
    [
        new CapabilityStatement.ResourceComponent
        {
            Type = "DocumentReference",
            Documentation = "ANS document sharing (IHE MHD): deposit with content inline or as Binary/<id>, replace (relatesTo replaces), delete by the author, $reveal.",
            Interaction =
            [
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Delete },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
            ],
            SearchParam =
            [
                new CapabilityStatement.SearchParamComponent { Name = "patient", Type = SearchParamType.Reference },
                new CapabilityStatement.SearchParamComponent { Name = "category", Type = SearchParamType.Token },
                new CapabilityStatement.SearchParamComponent { Name = "type", Type = SearchParamType.Token },
                new CapabilityStatement.SearchParamComponent { Name = "date", Type = SearchParamType.Date, Documentation = "The date of care (context.period.start), else the deposit date." },
                new CapabilityStatement.SearchParamComponent { Name = "_count", Type = SearchParamType.Number },
            ],
            Operation =
            [
                new CapabilityStatement.OperationComponent { Name = "reveal", Definition = "urn:mes:operation:reveal", Documentation = "POST DocumentReference/{id}/$reveal: a professional shows an INVISIBLE_PATIENT document to the patient." },
            ],
        },
        new CapabilityStatement.ResourceComponent
        {
            Type = "Binary",
            Documentation = "Create: a content uploaded before its DocumentReference. Read: a document's content (Binary id = DocumentReference id).",
            Interaction =
            [
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
            ],
        },
    ];
}
