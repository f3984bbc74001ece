namespace MonEspaceSante.Grains.Streaming;

public enum StreamsBackend
{
    Memory = 0,
    Postgres = 1,
}
