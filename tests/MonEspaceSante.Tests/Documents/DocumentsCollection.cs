namespace MonEspaceSante.Tests.Documents;

/// <summary>The document tests share one application on PostgreSQL (one start, one database); each test uses its own people.</summary>
[CollectionDefinition(Name)]
public sealed class DocumentsCollection : ICollectionFixture<DocumentsFixture>
{
    public const string Name = "documents";
}
