using MonEspaceSante.EmbeddedPostgres;
using Npgsql;

namespace MonEspaceSante.Silo.Database;

/// <summary>
/// In the embedded default, grain state, reminders and streams are in memory, but the stores of our
/// own tables (outbox, waves, measurements, document contents, access history) are PostgreSQL-only:
/// they run on <c>ConnectionStrings:Tables</c> if given, else on a throwaway PostgreSQL started
/// here when its binaries are found (deleted when the process ends). Without either, the features
/// that need them answer 503.
/// </summary>
public sealed class EmbeddedTables
{
    public const string ConnectionStringName = "Tables";

    private EmbeddedTables(NpgsqlDataSource? dataSource, string description)
    {
        DataSource = dataSource;
        Description = description;
    }

    public NpgsqlDataSource? DataSource { get; }

    public string Description { get; }

    public static EmbeddedTables Open(WebApplicationBuilder builder, bool startThrowaway)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var given = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Register(builder, given, "in the database of ConnectionStrings:Tables");
        }

        if (builder.Environment.IsProduction())
        {
            // A throwaway server acknowledges writes it deletes at exit: never in Production.
            throw new Microsoft.Extensions.Options.OptionsValidationException("ConnectionStrings", typeof(EmbeddedTables),
                ["Production needs ConnectionStrings:Postgres (or ConnectionStrings:Tables): the embedded throwaway PostgreSQL is refused in Production."]);
        }

        if (!startThrowaway || ThrowawayPostgres.FindBinaries() is null)
        {
            return new EmbeddedTables(null, "UNAVAILABLE (no PostgreSQL binaries, or Mes:EmbeddedPostgres=false): waves, notices, measurements and documents answer 503");
        }

        // Synchronous on purpose: the data source must exist before the host is built.
        var server = ThrowawayPostgres.StartAsync(durable: false).GetAwaiter().GetResult();
        var connectionString = server.CreateDatabaseAsync("mes").GetAwaiter().GetResult();
        builder.Services.AddSingleton(server);
        return Register(builder, connectionString, $"in a throwaway PostgreSQL ({server.DataDirectory}), deleted at exit");
    }

    private static EmbeddedTables Register(WebApplicationBuilder builder, string connectionString, string description)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = "mes-tables" }.Build();
        builder.Services.AddSingleton(dataSource);
        return new EmbeddedTables(dataSource, description);
    }
}
