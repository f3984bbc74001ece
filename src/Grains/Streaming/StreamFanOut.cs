using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Postgres.Streams;
using Orleans.Streams;

namespace MonEspaceSante.Grains.Streaming;

/// <summary>
/// Sends one event to each of many streams of a provider: a wave partition's page of people. Orleans
/// produces stream by stream: each <c>GetStream</c> made in a grain stays in that activation's stream
/// directory for as long as it lives (a wave partition would keep a producer for every person it
/// reached), and each <c>OnNextAsync</c> goes through its own producer, request-context export and
/// completion. On PostgreSQL the page is serialized and written in one go instead, as the same queue
/// rows that <c>OnNextAsync</c> would write, so the pulling agents and implicit subscriptions see no
/// difference, except that no request context travels with the events (a partition sends from a
/// grain timer, where there is none). Other providers (memory streams) go the Orleans way.
/// </summary>
public sealed class StreamFanOut(IServiceProvider services)
{
    /// <summary>Whether <paramref name="providerName"/>'s events go in one write (PostgreSQL) rather than stream by stream.</summary>
    public bool WritesAtOnce(string providerName) => Postgres(providerName) is not null;

    /// <summary>Completes once every event is durable (as each <c>OnNextAsync</c> would).</summary>
    public Task SendAsync<T>(IStreamProvider provider, IReadOnlyList<(StreamId Stream, T Event)> events)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(events);
        return Postgres(provider.Name) is { } postgres
            ? postgres.Adapter.ProduceAsync(events)
            : Task.WhenAll(events.Select(e => provider.GetStream<T>(e.Stream).OnNextAsync(e.Event)));
    }

    private PostgresQueueAdapterFactory? Postgres(string providerName) =>
        services.GetKeyedService<IQueueAdapterFactory>(providerName) as PostgresQueueAdapterFactory;
}
