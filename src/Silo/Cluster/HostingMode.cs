using MonEspaceSante.Grains.Streaming;

namespace MonEspaceSante.Silo.Cluster;

/// <summary>How this process was started, for the start-up banner and diagnostics.</summary>
/// <param name="Role">Silo, or API alone.</param>
/// <param name="Durable">True on PostgreSQL.</param>
/// <param name="Streams">The stream backend.</param>
/// <param name="Tables">In the embedded default, where our own tables are (or why they are not).</param>
public sealed record HostingMode(HostRole Role, bool Durable, StreamsBackend Streams, string? Tables = null);
