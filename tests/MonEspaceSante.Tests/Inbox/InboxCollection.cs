using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Inbox;

/// <summary>
/// The inbox tests share one application on PostgreSQL (one start, one database); each test uses its own people.
/// InboxStorageTests, which moves the clock, keeps an application of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InboxCollection : ICollectionFixture<HealthSpaceFixture>
{
    public const string Name = "inbox";
}
