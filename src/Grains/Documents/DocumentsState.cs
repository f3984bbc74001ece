namespace MonEspaceSante.Grains.Documents;

/// <summary>
/// The documents facet: the DMP index (contents live in PostgreSQL, by SHA-256). Deleted and superseded
/// entries stay, for the record and so that a resend of a deleted document is recognised.
/// </summary>
[GenerateSerializer, Alias("mes.DocumentsState")]
public sealed class DocumentsState
{
    /// <summary>Every entry, by document id.</summary>
    [Id(0)] public Dictionary<string, DocumentEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Document ids by author and the author's own id for it (<c>role|author|externalId</c>): a resend changes nothing.</summary>
    [Id(1)] public Dictionary<string, string> Resends { get; set; } = new(StringComparer.Ordinal);
}
