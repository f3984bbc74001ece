using Hl7.Fhir.Model;
using static Hl7.Fhir.Model.CapabilityStatement;
using static MonEspaceSante.Api.Fhir.FhirCapability;

namespace MonEspaceSante.Api.Inbox;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement: <c>Communication</c> create and search.</summary>
public static class InboxCapability
{
    public static IReadOnlyList<ResourceComponent> Resources { get; } =
    [
        Resource(
            "Communication",
            "Secure inbox. Professionals create: without inResponseTo a Communication starts a conversation (topic.text is "
                + "its subject), with inResponseTo Communication/<id> it continues one they started. Search returns a professional's "
                + "own conversations (all of them to the person). Attachments inline (base64): pdf, jpeg, png, rtf, tiff, txt, 10 MiB, 5 per message.",
            [TypeRestfulInteraction.Create, TypeRestfulInteraction.Read, TypeRestfulInteraction.SearchType],
            Search("patient", SearchParamType.Reference, "The person: an INS, Patient/INS or system|INS; the holder's own by default."),
            Search("_count", SearchParamType.Number, "Messages per page: 1 to 200, 50 by default."),
            Search("_page", SearchParamType.Number, "The page, from 1.")).Versioned(ResourceVersionPolicy.Versioned),
    ];
}
