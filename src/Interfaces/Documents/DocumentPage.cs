namespace MonEspaceSante.Interfaces.Documents;

/// <summary>One page of a document search, newest first; <see cref="Total"/> counts every visible match, not just this page.</summary>
[GenerateSerializer, Immutable, Alias("mes.DocumentPage")]
public sealed record DocumentPage(
    [property: Id(0)] IReadOnlyList<DocumentView> Documents,
    [property: Id(1)] int Total,
    [property: Id(2)] int Page,
    [property: Id(3)] int PageSize)
{
    /// <summary>Whether a further page exists.</summary>
    public bool HasNext => (long)Page * PageSize < Total;
}
