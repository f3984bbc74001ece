namespace MonEspaceSante.Grains.Documents;

/// <summary>Document contents in <c>mes_document_content</c>, stored once by SHA-256, outside grain state.</summary>
public sealed class DocumentContentStore(OwnTables tables)
{
    private const string Feature = "Documents";

    internal OwnTables Tables => tables;

    internal static string FeatureName => Feature;
}
