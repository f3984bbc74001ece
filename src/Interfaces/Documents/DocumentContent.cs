namespace MonEspaceSante.Interfaces.Documents;

/// <summary>A document's content, with its index entry (media type, size, SHA-256).</summary>
[GenerateSerializer, Immutable, Alias("mes.DocumentContent")]
public sealed record DocumentContent(
    [property: Id(0)] DocumentView Document,
    [property: Id(1)] byte[] Bytes);
