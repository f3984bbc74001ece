using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;

namespace MonEspaceSante.Api.Inbox;

/// <summary>
/// Reads a posted FHIR <c>Communication</c> with Firely's validating deserializer, then our rules, naming the
/// FHIR element at fault: the patient by INS, text and inline attachments, the conversation it answers.
/// </summary>
internal static class CommunicationReader
{
    private const string Root = "Communication";

    /// <summary>The request, or the issues that make the body unreadable as a Communication (our rules throw instead).</summary>
    public static async Task<(CommunicationRequest? Request, IReadOnlyList<FhirIssue> Issues)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        using var buffer = await BufferAsync(http.Body, cancellationToken);

        var issues = new IssueCollector(Root);
        var resource = FirelyResources.TryRead(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), issues);
        if (resource is null)
        {
            return (null, issues.Issues);
        }

        if (resource is not Communication communication)
        {
            throw new InvalidInputException("resourceType", $"expected Communication, not {resource.TypeName}");
        }

        var patient = Patient(communication);
        var (message, payloadIndexes) = Message(communication);
        InboxRules.Check(message, Root + ".payload", Root + ".payload", i => $"{Root}.payload[{payloadIndexes[i]}].contentAttachment");
        var conversation = Conversation(communication, out var inReplyTo);
        var subject = conversation is null ? InboxRules.Subject(Topic(communication), Root + ".topic.text") : null;
        // The documents' label says it of a conversation too: for the minor alone, hidden from their legal representatives.
        var minorOnly = communication.Meta?.Security.Any(c => c.Code == MonEspaceSante.Interfaces.Documents.DocumentLabels.InvisibleToRepresentatives) == true;
        return (new CommunicationRequest(patient, subject, message with { InReplyTo = inReplyTo, MinorOnly = minorOnly }, conversation), []);
    }

    // Kestrel enforces the endpoint's size limit too; this bound holds behind any other server.
    private static async Task<MemoryStream> BufferAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > InboxLimits.MaxRequestBytes)
            {
                await buffer.DisposeAsync();
                throw new InvalidInputException(Root, $"the request is larger than {InboxLimits.MaxRequestBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer;
    }

    private static Ins Patient(Communication communication)
    {
        var subject = PatientOf(communication.Subject, Root + ".subject", strict: true);
        if (communication.Subject is not null && subject is null)
        {
            throw new InvalidInputException(Root + ".subject", "must name the patient: identifier with an INS system, or reference Patient/<INS>");
        }

        for (var i = 0; i < communication.Recipient.Count; i++)
        {
            var field = $"{Root}.recipient[{i}]";
            if (PatientOf(communication.Recipient[i], field, strict: false) is { } recipient)
            {
                subject ??= recipient;
                if (recipient != subject)
                {
                    throw new InvalidInputException(field, "names another person than the subject");
                }
            }
        }

        return subject ?? throw new InvalidInputException(Root + ".subject", "is required: the patient, by identifier (INS system) or reference Patient/<INS>");
    }

    /// <summary>The person <paramref name="reference"/> names; null when it names someone else (a recipient may be a professional).</summary>
    private static Ins? PatientOf(ResourceReference? reference, string field, bool strict)
    {
        if (reference?.Identifier is { } identifier)
        {
            if (identifier.System is not null && !IdentifierSystems.PatientSystems.Contains(identifier.System))
            {
                return strict
                    ? throw new InvalidInputException(field + ".identifier.system", "must be an INS system (urn:oid:1.2.250.1.213.1.4.8, .9, .10 or .11)")
                    : null;
            }

            return Ins.Parse(identifier.Value, field + ".identifier.value");
        }

        return reference?.Reference is { } literal && literal.StartsWith("Patient/", StringComparison.Ordinal)
            ? Ins.Parse(literal["Patient/".Length..], field + ".reference")
            : null;
    }

    private static (OutgoingMessage Message, List<int> PayloadIndexes) Message(Communication communication)
    {
        var texts = new List<string>();
        var attachments = new List<AttachmentUpload>();
        var indexes = new List<int>();
        for (var i = 0; i < communication.Payload.Count; i++)
        {
            switch (communication.Payload[i].Content)
            {
                case FhirString { Value: { } text }:
                    texts.Add(text);
                    break;
                case Attachment { Data: null, Url: not null }:
                    throw new InvalidInputException($"{Root}.payload[{i}].contentAttachment.data", "is required: attachments are sent inline (base64), a url is not fetched");
                case Attachment attachment:
                    attachments.Add(new AttachmentUpload(attachment.ContentType, attachment.Title, attachment.Data));
                    indexes.Add(i);
                    break;
                default:
                    throw new InvalidInputException($"{Root}.payload[{i}]", "only contentString and contentAttachment are accepted");
            }
        }

        var clientId = communication.Identifier.FirstOrDefault(id => id.Value is not null) is { } identifier
            ? $"{identifier.System}|{identifier.Value}"
            : null;
        return (new OutgoingMessage(string.Join("\n\n", texts), attachments, clientId), indexes);
    }

    private static string? Conversation(Communication communication, out int? inReplyTo)
    {
        inReplyTo = null;
        if (communication.InResponseTo.Count == 0)
        {
            return null;
        }

        const string field = Root + ".inResponseTo[0].reference";
        var reference = communication.InResponseTo[0].Reference;
        var id = reference is not null && reference.StartsWith("Communication/", StringComparison.Ordinal) ? reference["Communication/".Length..] : null;
        if (InboxIds.TryParseMessage(id, out var conversation, out var seq))
        {
            inReplyTo = seq;
            return conversation;
        }

        return InboxIds.IsConversation(id)
            ? id
            : throw new InvalidInputException(field, "must be Communication/<id> of a message of this person's inbox");
    }

    private static string? Topic(Communication communication) =>
        communication.Topic?.Text ?? communication.Topic?.Coding.FirstOrDefault(c => c.Display is not null)?.Display;
}
