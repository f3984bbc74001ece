using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.EmbeddedPostgres;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Grains.Streaming;
using MonEspaceSante.Postgres.Streams;
using MonEspaceSante.Silo.Cluster;
using MonEspaceSante.Silo.Database;
using Npgsql;
using Orleans.Configuration;

namespace MonEspaceSante.Benchmarks.Infrastructure;

/// <summary>One silo on a fresh database of a durable throwaway PostgreSQL server, configured like production.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly ThrowawayPostgres server;
    private readonly IHost host;
    private readonly PostgresDataSources dataSources;

    private BenchSilo(ThrowawayPostgres server, IHost host, PostgresDataSources dataSources, string connectionString)
    {
        this.server = server;
        this.host = host;
        this.dataSources = dataSources;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource Data => dataSources.Data;

    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    public IServiceProvider Services => host.Services;

    /// <summary>The server's data directory (its <c>postmaster.pid</c> names the server process).</summary>
    public string ServerDataDirectory => server.DataDirectory;

    public static async Task<BenchSilo> StartAsync(PostgresStreamOptions streams, Action<IServiceCollection>? services = null, StreamsBackend backend = StreamsBackend.Postgres, WavesSettings? waves = null)
    {
        var server = await ThrowawayPostgres.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync("bench");
        var settings = new PostgresSettings { OrleansPoolSize = 40, DataPoolSize = 40 };
        var dataSources = PostgresDataSources.Create(connectionString, settings);
        await new PostgresMigrator(dataSources.Data, NullLogger<PostgresMigrator>.Instance).MigrateAsync();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        services?.Invoke(builder.Services);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "bench";
                o.ServiceId = "bench";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, 21111, 31000);
            silo.UseMesPostgresClustering(dataSources);
            silo.AddMesPersistence(dataSources, settings, waves);

            // The wave and ingestion figures stay comparable with earlier runs; the dispatcher has its own benchmark.
            silo.Services.Configure<MonEspaceSante.Grains.Notices.DeliverySettings>(d => d.Enabled = false);
            silo.AddMesStreams(backend, streams);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(server, host, dataSources, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await host.StopAsync(stop.Token);
        }

        host.Dispose();
        await dataSources.DisposeAsync();
        await server.DisposeAsync();
    }
}
