namespace MonEspaceSante.Benchmarks.Streams;

/// <summary>A benchmark event: which stream and position, and when it was produced (Stopwatch ticks).</summary>
[GenerateSerializer, Immutable, Alias("mes.bench.BenchEvent")]
public sealed record BenchEvent([property: Id(0)] int Stream, [property: Id(1)] int Seq, [property: Id(2)] long ProducedAt);
