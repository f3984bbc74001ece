namespace MonEspaceSante.Silo.Hosting;

/// <summary>How this process was started, for the start-up banner and diagnostics.</summary>
public sealed record HostingMode(HostRole Role, bool Durable, MonEspaceSante.Grains.Streaming.StreamsBackend Streams);
