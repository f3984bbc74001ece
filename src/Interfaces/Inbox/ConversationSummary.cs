namespace MonEspaceSante.Interfaces.Inbox;

/// <summary>A conversation as listed in the inbox.</summary>
/// <param name="Id">Its id (32 hexadecimal characters).</param>
/// <param name="Subject">Its subject, set by the professional who started it.</param>
/// <param name="ProfessionalId">The RPPS number of the professional who started it, its only professional participant.</param>
/// <param name="StartedAt">When it was started.</param>
/// <param name="LastMessageAt">When its latest message was sent.</param>
/// <param name="MessageCount">How many messages it holds.</param>
/// <param name="UnreadCount">How many of the professional's messages the person has not read yet.</param>
/// <param name="MinorOnly">For a minor alone: their legal representatives neither see it nor its history lines.</param>
[GenerateSerializer, Immutable, Alias("mes.ConversationSummary")]
public sealed record ConversationSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Subject,
    [property: Id(2)] string ProfessionalId,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset LastMessageAt,
    [property: Id(5)] int MessageCount,
    [property: Id(6)] int UnreadCount,
    [property: Id(7)] bool MinorOnly = false);
