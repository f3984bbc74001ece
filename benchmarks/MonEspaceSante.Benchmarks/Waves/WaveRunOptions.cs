namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>The <c>waves</c> command's options.</summary>
public sealed record WaveRunOptions(long People, int Partitions, int PageSize, int Uploads, int Queues, TimeSpan PhaseLimit, TimeSpan? CollectionAge, int? CacheSize = null);
