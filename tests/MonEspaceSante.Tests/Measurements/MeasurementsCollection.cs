namespace MonEspaceSante.Tests.Measurements;

/// <summary>The measurement API tests share one application on PostgreSQL (one start, one database); each test uses its own people.</summary>
[CollectionDefinition(Name)]
public sealed class MeasurementsCollection : ICollectionFixture<MeasurementsFixture>
{
    public const string Name = "measurements";
}
