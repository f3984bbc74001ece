namespace MonEspaceSante.Grains.Patients;

/// <summary>The inbox facet: conversations and unread counts (message bodies live in PostgreSQL).</summary>
[GenerateSerializer, Alias("mes.InboxState")]
public sealed class InboxState
{
}
