using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MonEspaceSante.Postgres.Schema;

public static class PostgresSchemaExtensions
{
    /// <summary>
    /// The schema of <see cref="PostgresMigrator"/> on the <c>NpgsqlDataSource</c> of the container: applied
    /// at lifecycle stage <c>First</c>, before anything else touches the database, unless
    /// <paramref name="applyAtStart"/> is false (a deployment that migrates on its own).
    /// </summary>
    public static ISiloBuilder AddMesPostgresSchema(this ISiloBuilder silo, bool applyAtStart = true)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton<PostgresMigrator>();
        if (applyAtStart)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationParticipant>();
        }

        return silo;
    }
}
