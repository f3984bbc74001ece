namespace MonEspaceSante.Postgres.Schema;

/// <summary>Brings the schema up to date before anything in the silo touches PostgreSQL.</summary>
internal sealed class SchemaMigrationParticipant(PostgresMigrator migrator) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), ServiceLifecycleStage.First, async ct => await migrator.MigrateAsync(ct));
}
