namespace MonEspaceSante.Grains.Streaming;

/// <summary>Which stream backend this silo runs, and its partition count (for operators' reports).</summary>
public sealed record StreamsDeployment(StreamsBackend Backend, int Partitions);
