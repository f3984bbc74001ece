using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Inbox;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement: <c>Communication</c> create and search.</summary>
public static class InboxCapability
{
    public static IReadOnlyList<CapabilityStatement.ResourceComponent> Resources { get; } =
    [
        new CapabilityStatement.ResourceComponent
        {
            Type = "Communication",
            Documentation = "Secure inbox. Professionals create: without inResponseTo a Communication starts a conversation (topic.text is "
                + "its subject), with inResponseTo Communication/<id> it continues one they started. Search returns a professional's "
                + "own conversations (all of them to the person). Attachments inline (base64): pdf, jpeg, png, rtf, tiff, txt, 10 MiB, 5 per message.",
            Interaction =
            [
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
            ],
            SearchParam =
            [
                new CapabilityStatement.SearchParamComponent { Name = "patient", Type = SearchParamType.Reference },
                new CapabilityStatement.SearchParamComponent { Name = "_count", Type = SearchParamType.Number },
                new CapabilityStatement.SearchParamComponent { Name = "_page", Type = SearchParamType.Number },
            ],
        },
    ];
}
