using MonEspaceSante.EmbeddedPostgres;
using Npgsql;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the test run: a <see cref="ThrowawayPostgres"/> started once (fsync off:
/// tests check behaviour, not durability) and stopped when the run ends, or the server named by
/// <c>MES_TEST_POSTGRES</c>. Failing to start is an error, never a skip: tests that need PostgreSQL
/// must not pass without it.
/// </summary>
public sealed class PostgresServer
{
    public const string ExistingServerVariable = "MES_TEST_POSTGRES";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string adminConnectionString)
    {
        AdminConnectionString = adminConnectionString;
    }

    public string AdminConnectionString { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string to a new, empty database on the shared server.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var existing = Environment.GetEnvironmentVariable(ExistingServerVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            return new PostgresServer(existing);
        }

        if (ThrowawayPostgres.FindBinaries() is null)
        {
            throw new InvalidOperationException(
                $"PostgreSQL server binaries not found (install postgresql-15, set MES_PG_BIN, or set {ExistingServerVariable} to a running server). Tests that need PostgreSQL cannot run without it.");
        }

        var server = await ThrowawayPostgres.StartAsync(durable: false);
        return new PostgresServer(server.AdminConnectionString);
    }
}
