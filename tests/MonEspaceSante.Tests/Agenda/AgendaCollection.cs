using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Agenda;

/// <summary>
/// The agenda tests share one application (one start, one database). They run one after the other, and
/// some move the shared fake clock forward: every date in them is taken relative to the clock's now.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AgendaCollection : ICollectionFixture<HealthSpaceFixture>
{
    public const string Name = "agenda";
}
