using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Documents;

/// <summary>The grain of the space holding a document, for reads by id that name no patient (unknown id: 404).</summary>
internal static class DocumentLocator
{
    public static async Task<(Ins Holder, IPatientDocumentsGrain Grain)> FindAsync(IGrainFactory grains, string documentId)
    {
        var owner = await grains.GetGrain<IDocumentDirectoryGrain>(IDocumentDirectoryGrain.Key).FindOwnerAsync(documentId)
            ?? throw new ResourceNotFoundException($"No document {documentId}.");
        var holder = Ins.Parse(owner);
        return (holder, grains.GetGrain<IPatientDocumentsGrain>(PatientKey.From(holder)));
    }
}
