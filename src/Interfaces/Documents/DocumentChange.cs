namespace MonEspaceSante.Interfaces.Documents;

/// <summary>What happened to a document, in a live event.</summary>
public enum DocumentChange
{
    /// <summary>A new document (or a new version) reached the space, or became visible to the holder.</summary>
    Deposited = 0,

    /// <summary>Its index entry changed: superseded, masked or unmasked.</summary>
    Updated = 1,

    /// <summary>It was deleted.</summary>
    Deleted = 2,
}
