using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Grains;
using MonEspaceSante.Grains.Documents;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Erasure;
using MonEspaceSante.Grains.Inbox;
using MonEspaceSante.Grains.Measurements;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;

namespace MonEspaceSante.Tests.Facets;

/// <summary>
/// The real stores of the facets that have one (document contents, inbox messages, the time series, the outbox), on a
/// migrated database of the test server, without a silo. Each test uses its own people.
/// </summary>
public sealed class FacetStores : IAsyncLifetime
{
    private ServiceProvider services = null!;

    public NpgsqlDataSource Database { get; private set; } = null!;

    internal DocumentContentStore Documents { get; private set; } = null!;

    internal InboxMessageStore Inbox { get; private set; } = null!;

    internal MeasurementStore Measurements { get; private set; } = null!;

    internal EnrollmentEffects Effects { get; private set; } = null!;

    internal ErasureStore Erasure { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("facets"));
        await new PostgresMigrator(Database, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        services = new ServiceCollection().AddSingleton(Database).BuildServiceProvider();
        var tables = new OwnTables(services);
        Documents = new DocumentContentStore(tables);
        Inbox = new InboxMessageStore(tables);
        Measurements = new MeasurementStore(tables);
        Effects = new EnrollmentEffects(tables);
        Erasure = new ErasureStore(tables);
    }

    public async Task DisposeAsync()
    {
        await Effects.DisposeAsync();
        await Measurements.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }

    public Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) => Database.CountAsync(sql, parameters);
}

[CollectionDefinition(Name)]
public sealed class FacetStoresCollection : ICollectionFixture<FacetStores>
{
    public const string Name = "facet-stores";
}
