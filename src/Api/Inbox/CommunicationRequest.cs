using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Inbox;

namespace MonEspaceSante.Api.Inbox;

/// <summary>What a posted FHIR <c>Communication</c> asks: a message to a person, starting or continuing a conversation.</summary>
/// <param name="Patient">The person (subject or recipient, by INS).</param>
/// <param name="Subject">The conversation's subject (<c>topic.text</c>), for a new conversation.</param>
/// <param name="Message">The message.</param>
/// <param name="ConversationId">The conversation <c>inResponseTo</c> names; null to start one.</param>
internal sealed record CommunicationRequest(Ins Patient, string? Subject, OutgoingMessage Message, string? ConversationId);
