using System.Globalization;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;

namespace MonEspaceSante.Api.Inbox;

/// <summary>
/// An inbox message as a FHIR R4 <c>Communication</c> (search results, and the whole-space export). Every message
/// of a conversation answers its first one (<c>inResponseTo</c>), which groups them; <c>topic.text</c> is the
/// conversation's subject.
/// </summary>
public static class CommunicationMapping
{
    /// <summary>
    /// The FHIR form of <paramref name="message"/> of <paramref name="conversation"/> in <paramref name="person"/>'s
    /// inbox. Attachments point to their download (<see cref="AttachmentUrl"/>), or carry their bytes inline when
    /// <paramref name="contents"/> gives them (in the order of the message's attachments), as an export does.
    /// </summary>
    public static Communication ToFhir(Ins person, ConversationSummary conversation, InboxMessage message, IReadOnlyList<byte[]>? contents = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        var patient = new ResourceReference { Identifier = new Identifier(IdentifierSystems.InsNir, person.Value) };
        var professional = new ResourceReference { Identifier = new Identifier(IdentifierSystems.Rpps, conversation.ProfessionalId), Type = "Practitioner" };
        var fromProfessional = message.SenderRole == AccessorRole.Professional;
        var communication = new Communication
        {
            Id = message.Id,
            Meta = FhirVersions.Meta(1, message.SentAt), // a message never changes once sent
            Status = EventStatus.Completed,
            Subject = patient,
            Topic = new CodeableConcept { Text = conversation.Subject },
            SentElement = new FhirDateTime(message.SentAt),
            Sender = fromProfessional ? professional : Person(person, message.SenderId),
            Recipient = [fromProfessional ? patient : professional],
        };
        if (conversation.MinorOnly)
        {
            communication.Meta.Security.Add(new Coding(MonEspaceSante.Interfaces.Documents.DocumentLabels.System, MonEspaceSante.Interfaces.Documents.DocumentLabels.InvisibleToRepresentatives));
        }

        if (message.Seq > 1)
        {
            communication.InResponseTo = [new ResourceReference($"Communication/{InboxIds.Message(message.ConversationId, 1)}")];
        }

        if (message.Text.Length > 0)
        {
            communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(message.Text) });
        }

        for (var i = 0; i < message.Attachments.Count; i++)
        {
            var attachment = message.Attachments[i];
            communication.Payload.Add(new Communication.PayloadComponent
            {
                Content = new Attachment
                {
                    ContentType = attachment.MediaType,
                    Title = attachment.Title,
                    SizeUnsignedInt = (int)attachment.Size,
                    Url = contents is null ? AttachmentUrl(person, message, i) : null,
                    Data = contents?[i],
                },
            });
        }

        return communication;
    }

    /// <summary>Where an attachment's bytes are downloaded: <c>GET /fhir/Communication/{id}/attachments/{n}?patient=INS</c>.</summary>
    public static string AttachmentUrl(Ins person, InboxMessage message, int index)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Create(CultureInfo.InvariantCulture, $"{FhirRoutes.Base}/Communication/{message.Id}/attachments/{index}?patient={person.Value}");
    }

    // The person writes as a Patient; a legal representative of a minor as a RelatedPerson.
    private static ResourceReference Person(Ins person, string senderId) => senderId == person.Value
        ? new ResourceReference { Identifier = new Identifier(IdentifierSystems.InsNir, senderId), Type = "Patient" }
        : new ResourceReference { Identifier = new Identifier(IdentifierSystems.InsNir, senderId), Type = "RelatedPerson" };
}
