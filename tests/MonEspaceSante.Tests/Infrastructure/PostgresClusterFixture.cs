using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Grains;
using MonEspaceSante.Grains.Streaming;
using MonEspaceSante.Postgres.Streams;
using MonEspaceSante.Silo.Cluster;
using MonEspaceSante.Silo.Database;
using Orleans.TestingHost;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// A real two-silo cluster: membership, grain state and reminders in a fresh PostgreSQL database,
/// configured by the same <see cref="SiloComposition"/> as the application, with a fake domain clock.
/// </summary>
public class PostgresClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public PostgresDataSources DataSources { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The stream provider settings of the cluster and its client.</summary>
    public virtual PostgresStreamOptions StreamOptions { get; } = new() { QueueCount = 4 };

    public virtual async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        ConnectionString = await server.CreateDatabaseAsync("cluster");
        DataSources = PostgresDataSources.Create(ConnectionString, new PostgresSettings());

        var builder = new InProcessTestClusterBuilder(2);
        UsePostgresMembership(builder.Options);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseMesPostgresClustering(DataSources);
            silo.AddMesPersistence(DataSources);
            silo.AddMesStreams(StreamsBackend.Postgres, StreamOptions);
            silo.Services.UseDomainClock(Clock);

            // The tests of this cluster read the outbox as the grains leave it.
            silo.Services.Configure<MonEspaceSante.Grains.Notices.DeliverySettings>(d => d.Enabled = false);
        });
        builder.ConfigureClientHost(host => host.Services.AddSingleton(DataSources.Data));
        builder.ConfigureClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloComposition.AdoNet.Invariant;
                o.DataSource = DataSources.Orleans;
            });
            client.AddMesStreams(StreamsBackend.Postgres, StreamOptions);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>
    /// The in-process test cluster registers its in-memory membership table after our configuration
    /// unless told otherwise, and 10.4.2 keeps that switch internal. Membership must be the real
    /// PostgreSQL table here, so the switch is turned off by reflection; if it ever disappears, this
    /// fails loudly instead of silently testing in-memory membership.
    /// </summary>
    private static void UsePostgresMembership(InProcessTestClusterOptions options)
    {
        var property = typeof(InProcessTestClusterOptions).GetProperty(
            "UseTestClusterMembership", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            ?? throw new InvalidOperationException("InProcessTestClusterOptions.UseTestClusterMembership no longer exists: revisit how the test cluster gets PostgreSQL membership.");
        property.SetValue(options, false);
    }

    public virtual async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (DataSources is not null)
        {
            await DataSources.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres-cluster";
}
