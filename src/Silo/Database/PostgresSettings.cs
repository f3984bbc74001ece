using System.ComponentModel.DataAnnotations;

namespace MonEspaceSante.Silo.Database;

/// <summary>
/// PostgreSQL pools (section <c>Postgres</c>). Orleans' providers (membership, grain state,
/// reminders) and our own tables (streams, outbox, time series) get separate pools so that bulk
/// work never starves membership heartbeats. Keep (OrleansPoolSize + DataPoolSize) × processes
/// under the server's <c>max_connections</c>.
/// </summary>
public sealed class PostgresSettings
{
    public const string Section = "Postgres";
    public const string ConnectionStringName = "Postgres";

    [Range(2, 500)]
    public int OrleansPoolSize { get; set; } = 20;

    [Range(2, 500)]
    public int DataPoolSize { get; set; } = 20;

    /// <summary>Apply missing schema migrations when a silo starts.</summary>
    public bool ApplyMigrations { get; set; } = true;
}
