using Npgsql;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// The whole application on PostgreSQL (membership, grain state, reminders, durable streams and our
/// tables) in a fresh database, shared by the tests of a class; each test uses its own people.
/// </summary>
public class PostgresAppFixture : IAsyncLifetime
{
    public ApiFactory App { get; private set; } = null!;

    public NpgsqlDataSource Database { get; private set; } = null!;

    /// <summary>Configuration of the application, applied last.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("app");
        App = new ApiFactory { PostgresConnectionString = connectionString, Settings = Settings };
        Database = NpgsqlDataSource.Create(connectionString);
    }

    public virtual async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await App.DisposeAsync();
    }

    public Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) => Database.CountAsync(sql, parameters);
}
