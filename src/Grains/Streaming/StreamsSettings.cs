using MonEspaceSante.Postgres.Streams;

namespace MonEspaceSante.Grains.Streaming;

/// <summary>Which stream provider backs <see cref="Interfaces.Streams.StreamNames.Provider"/> (section <c>Streams</c>).</summary>
public sealed class StreamsSettings
{
    public const string Section = "Streams";

    /// <summary>
    /// <c>Memory</c> (not durable: queued events are lost when a silo dies) or <c>Postgres</c>.
    /// Unset: PostgreSQL when a connection string is configured, memory otherwise.
    /// </summary>
    public StreamsBackend? Provider { get; set; }

    public PostgresStreamOptions Postgres { get; set; } = new();
}
