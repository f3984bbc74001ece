using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using Orleans.Concurrency;

namespace MonEspaceSante.Grains.Documents;

/// <summary>Document locators and staged uploads: no state of its own, so any silo runs as many as it needs.</summary>
[StatelessWorker]
internal sealed class DocumentDirectoryGrain(DocumentContentStore contents, OwnTables tables) : Grain, IDocumentDirectoryGrain
{
    private readonly StagedUploadStore uploads = new(tables);

    public async Task<string?> FindOwnerAsync(string documentId) =>
        Guid.TryParse(documentId, out var id) ? await contents.FindOwnerAsync(id) : null;

    public async Task<string> StageAsync(Accessor accessor, string mediaType, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        var type = DocumentRules.CheckContent(accessor.Role, mediaType, content, "Binary.contentType", "Binary.data");
        var id = Guid.NewGuid();
        await uploads.StageAsync(id, accessor, type, content);
        return id.ToString("D");
    }

    public async Task<StagedContent?> ReadStagedAsync(Accessor accessor, string uploadId) =>
        Guid.TryParse(uploadId, out var id) ? await uploads.ReadAsync(id, accessor) : null;
}
