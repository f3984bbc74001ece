namespace MonEspaceSante.Tests.Api;

/// <summary>API tests on the embedded default that need no isolation share one application.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedApiCollection : ICollectionFixture<EmbeddedApiFixture>
{
    public const string Name = "embedded-api";
}
