namespace MonEspaceSante.Grains.Patients;

/// <summary>The documents facet: the DMP index (contents live in PostgreSQL, by SHA-256).</summary>
[GenerateSerializer, Alias("mes.DocumentsState")]
public sealed class DocumentsState
{
}
