using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Grains;
using MonEspaceSante.Postgres.Schema;
using Npgsql;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>A fresh database of the test server with every migration applied, and our tables over it, for the stores' tests.</summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private MigratedDatabase(NpgsqlDataSource dataSource)
    {
        DataSource = dataSource;
        services = new ServiceCollection().AddSingleton(dataSource).BuildServiceProvider();
        Tables = new OwnTables(services);
    }

    public NpgsqlDataSource DataSource { get; }

    public OwnTables Tables { get; }

    public static async Task<MigratedDatabase> CreateAsync(string prefix)
    {
        var dataSource = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync(prefix));
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        return new MigratedDatabase(dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
