using System.Diagnostics.Metrics;

namespace MonEspaceSante.Postgres;

/// <summary>The meter of the PostgreSQL providers' instruments (streams); hosts export it by <see cref="Name"/>.</summary>
public static class PostgresMeters
{
    public const string Name = "MonEspaceSante.Postgres";

    public static readonly Meter Meter = new(Name);
}
