using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// What is known about documents outside any one person's grain: whose space a document id belongs to (FHIR
/// reads by id name no patient), and contents uploaded ahead of their DocumentReference (FHIR <c>Binary</c>).
/// A stateless worker: use key <see cref="Key"/>.
/// </summary>
[Alias("mes.IDocumentDirectoryGrain")]
public interface IDocumentDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The key to use.</summary>
    public const long Key = 0;

    /// <summary>The INS of the space holding <paramref name="documentId"/>, or null when no such document was deposited.</summary>
    [Alias("FindOwner")]
    Task<string?> FindOwnerAsync(string documentId);

    /// <summary>Keeps <paramref name="content"/> (checked for size and media type) for a later deposit by the same accessor; returns its id.</summary>
    [Alias("Stage")]
    Task<string> StageAsync(Accessor accessor, string mediaType, byte[] content);

    /// <summary>Content staged by <paramref name="accessor"/> under <paramref name="uploadId"/>, or null (unknown, expired, or someone else's).</summary>
    [Alias("ReadStaged")]
    Task<StagedContent?> ReadStagedAsync(Accessor accessor, string uploadId);
}
