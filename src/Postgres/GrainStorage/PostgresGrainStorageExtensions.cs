using Orleans.Runtime.Hosting;

namespace MonEspaceSante.Postgres.GrainStorage;

public static class PostgresGrainStorageExtensions
{
    /// <summary>
    /// Grain storage <paramref name="name"/> in <c>mes_grain_state</c>, on the container's <c>NpgsqlDataSource</c>
    /// and the storage serializer keyed by <paramref name="name"/> (else the default one).
    /// </summary>
    public static ISiloBuilder AddMesPostgresGrainStorage(this ISiloBuilder silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddGrainStorage(name, PostgresGrainStorage.Create);
        return silo;
    }
}
