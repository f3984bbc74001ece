using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// Orleans' persistent-stream contract on PostgreSQL: the pulling agents, the queue cache and
/// implicit subscriptions stay Orleans'; this factory supplies the queues. Written by hand because
/// no PostgreSQL stream provider is published for Orleans 10.
/// </summary>
public sealed class PostgresQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string name;
    private readonly PostgresStreamOptions options;
    private readonly NpgsqlDataSource dataSource;
    private readonly Serializer<PostgresStreamMessage> serializer;
    private readonly ILoggerFactory loggerFactory;
    private readonly HashRingBasedStreamQueueMapper mapper;
    private readonly SimpleQueueAdapterCache cache;
    private readonly PostgresStreamMetrics metrics;
    private readonly ConcurrentDictionary<int, PostgresQueueReceiver> receivers = new();
    private readonly Lazy<PostgresStreamWriter> writer;
    private readonly Lazy<PostgresQueueAdapter> adapter;

    public PostgresQueueAdapterFactory(
        string name, PostgresStreamOptions options, NpgsqlDataSource dataSource,
        Serializer<PostgresStreamMessage> serializer, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.name = name;
        this.options = options;
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.loggerFactory = loggerFactory;
        mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, name);
        cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggerFactory);
        metrics = new PostgresStreamMetrics(name);
        writer = new Lazy<PostgresStreamWriter>(CreateWriter);
        adapter = new Lazy<PostgresQueueAdapter>(() => new PostgresQueueAdapter(name, mapper, writer.Value, serializer, CreateReceiver));
    }

    /// <summary>The factory Orleans' <c>AddPersistentStreams</c> calls, once per provider name.</summary>
    public static PostgresQueueAdapterFactory Create(IServiceProvider services, string name, PostgresStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new PostgresQueueAdapterFactory(
            name,
            options,
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<Serializer<PostgresStreamMessage>>(),
            services.GetRequiredService<ILoggerFactory>());
    }

    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) => Task.FromResult<IQueueAdapter>(Adapter);

    /// <summary>The producing side, one per provider (it holds no state of its own).</summary>
    internal PostgresQueueAdapter Adapter => adapter.Value;

    public IQueueAdapterCache GetQueueAdapterCache() => cache;

    public IStreamQueueMapper GetStreamQueueMapper() => mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId)
    {
        var queue = (int)queueId.GetNumericId();
        return Task.FromResult<IStreamFailureHandler>(new PostgresStreamFailureHandler(() => receivers.GetValueOrDefault(queue)));
    }

    private PostgresQueueReceiver CreateReceiver(QueueId queueId)
    {
        var queue = (int)queueId.GetNumericId();
        var receiver = new PostgresQueueReceiver(
            name, queue, dataSource, options, serializer, metrics, loggerFactory.CreateLogger<PostgresQueueReceiver>(), TimeProvider.System);
        receivers[queue] = receiver;
        return receiver;
    }

    private PostgresStreamWriter CreateWriter()
    {
        var created = new PostgresStreamWriter(name, dataSource, options, metrics, loggerFactory.CreateLogger<PostgresStreamWriter>());
        created.Committed += queue => receivers.GetValueOrDefault(queue)?.Wake();
        return created;
    }
}
