using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Grains.Streaming.Postgres;
using MonEspaceSante.Interfaces.Streams;
using Orleans.Streams;

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

        return silo.AddPersistentStreams(StreamNames.Provider, (services, name) => PostgresQueueAdapterFactory.Create(services, name, options), stream =>
        {
            stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            stream.ConfigurePullingAgent(o => o.Configure(agent =>
            {
                agent.GetQueueMsgsTimerPeriod = options.PollInterval;
                agent.MaxEventDeliveryTime = options.MaxEventDeliveryTime;
                agent.BatchContainerBatchSize = options.DeliveryBatchSize;
                agent.StreamInactivityPeriod = options.StreamInactivityPeriod;
            }));
            stream.ConfigureBackoffProvider((_, _) => new DeliveryBackoff(options.DeliveryRetryMinDelay, options.DeliveryRetryMaxDelay));
        });
    }

    public static IClientBuilder AddMesStreams(this IClientBuilder client, StreamsBackend backend, PostgresStreamOptions? postgres = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddMemoryStreams(StreamNames.Live);
        if (backend == StreamsBackend.Memory)
        {
            return client.AddMemoryStreams(StreamNames.Provider);
        }

        var options = postgres ?? new PostgresStreamOptions();
        return client.AddPersistentStreams(StreamNames.Provider, (services, name) => PostgresQueueAdapterFactory.Create(services, name, options), stream =>
        {
            stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
    }
}
