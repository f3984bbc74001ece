namespace MonEspaceSante.Grains.Inbox;

/// <summary>The inbox facet: conversations and unread counts (message bodies live in PostgreSQL).</summary>
[GenerateSerializer, Alias("mes.InboxState")]
public sealed class InboxState
{
    /// <summary>The conversations by id, at most <see cref="Interfaces.Inbox.InboxLimits.MaxConversations"/>.</summary>
    [Id(0)] public Dictionary<string, ConversationState> Conversations { get; set; } = new(StringComparer.Ordinal);
}
