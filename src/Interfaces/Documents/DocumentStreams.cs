namespace MonEspaceSante.Interfaces.Documents;

/// <summary>The stream namespace of document live events, on the <see cref="Streams.StreamNames.Live"/> provider.</summary>
public static class DocumentStreams
{
    /// <summary>Changes of a person's documents (keyed by their grain key), for the holder's live feed.</summary>
    public const string Live = "live-documents";
}
