using Orleans.Streams;

namespace MonEspaceSante.Postgres.Streams;

public static class PostgresStreamsExtensions
{
    /// <summary>
    /// A durable persistent-stream provider <paramref name="name"/> on the container's <c>NpgsqlDataSource</c>:
    /// implicit subscriptions only, Orleans' pulling agents tuned by <paramref name="options"/>.
    /// </summary>
    public static ISiloBuilder AddMesPostgresStreams(this ISiloBuilder silo, string name, PostgresStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        return silo.AddPersistentStreams(name, (services, provider) => PostgresQueueAdapterFactory.Create(services, provider, options), stream =>
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

    /// <summary>The producing side of <paramref name="name"/> in an Orleans client (the stateless API tier).</summary>
    public static IClientBuilder AddMesPostgresStreams(this IClientBuilder client, string name, PostgresStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return client.AddPersistentStreams(name, (services, provider) => PostgresQueueAdapterFactory.Create(services, provider, options),
            stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
    }
}
