namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// A change of a document the holder can see, for their live feed: the document as they see it (null once deleted).
/// Published only for documents visible to the holder (never one labelled INVISIBLE_PATIENT before it is revealed).
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.DocumentEvent")]
public sealed record DocumentEvent(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] DocumentChange Change,
    [property: Id(2)] DocumentView? Document);
