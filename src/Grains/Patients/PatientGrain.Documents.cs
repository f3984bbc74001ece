using MonEspaceSante.Grains.Documents;

namespace MonEspaceSante.Grains.Patients;

/// <summary>The documents facet (DMP): to be built.</summary>
internal sealed partial class PatientGrain
{
    private IPersistentState<DocumentsState> DocumentIndex => documents;

    private DocumentContentStore Contents => documentContents;
}
