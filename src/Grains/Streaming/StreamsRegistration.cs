using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Streams;
using MonEspaceSante.Postgres.Streams;

namespace MonEspaceSante.Grains.Streaming;

/// <summary>Registers the one stream provider on silos and clients, identically on both sides.</summary>
public static class StreamsRegistration
{
    public static ISiloBuilder AddMesStreams(this ISiloBuilder silo, StreamsBackend backend, PostgresStreamOptions? postgres = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = postgres ?? new PostgresStreamOptions();
        silo.Services.AddSingleton(new StreamsDeployment(backend, options.QueueCount));
        silo.Services.AddSingleton<StreamFanOut>();
        silo.AddMemoryStreams(StreamNames.Live);
        if (backend == StreamsBackend.Memory)
        {
            return silo.AddMemoryStreams(StreamNames.Provider);
        }

        return silo.AddMesPostgresStreams(StreamNames.Provider, options);
    }

    public static IClientBuilder AddMesStreams(this IClientBuilder client, StreamsBackend backend, PostgresStreamOptions? postgres = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddMemoryStreams(StreamNames.Live);
        if (backend == StreamsBackend.Memory)
        {
            return client.AddMemoryStreams(StreamNames.Provider);
        }

        return client.AddMesPostgresStreams(StreamNames.Provider, postgres ?? new PostgresStreamOptions());
    }
}
