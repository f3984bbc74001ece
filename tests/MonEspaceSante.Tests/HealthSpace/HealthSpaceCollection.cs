using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>The access-policy, consent, control and export tests share one application on PostgreSQL; each test uses its own people.</summary>
[CollectionDefinition(Name)]
public sealed class HealthSpaceCollection : ICollectionFixture<HealthSpaceFixture>
{
    public const string Name = "health-space";
}
