namespace MonEspaceSante.Grains.Inbox;

/// <summary>A conversation's summary in the inbox facet's state; its messages are rows of <c>mes_inbox_message</c>.</summary>
[GenerateSerializer, Alias("mes.ConversationState")]
public sealed class ConversationState
{
    [Id(0)] public string Id { get; set; } = "";

    [Id(1)] public string Subject { get; set; } = "";

    /// <summary>RPPS number of the professional who started it: the only professional who reads and writes it.</summary>
    [Id(2)] public string ProfessionalId { get; set; } = "";

    [Id(3)] public DateTimeOffset StartedAt { get; set; }

    [Id(4)] public DateTimeOffset LastMessageAt { get; set; }

    /// <summary>Messages acknowledged: rows with a greater seq were never acknowledged and are ignored.</summary>
    [Id(5)] public int MessageCount { get; set; }

    /// <summary>The professional's messages the person has not read yet.</summary>
    [Id(6)] public int UnreadCount { get; set; }

    /// <summary>For the minor alone (confidential care): hidden from their legal representatives, announced by push only.</summary>
    [Id(7)] public bool MinorOnly { get; set; }
}
