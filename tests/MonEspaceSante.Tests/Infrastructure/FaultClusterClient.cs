using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.FaultSilo;
using MonEspaceSante.Grains.Streaming;
using MonEspaceSante.Silo.Cluster;
using MonEspaceSante.Silo.Database;
using Orleans.Configuration;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>An Orleans client of a cluster of fault-test silo processes (<see cref="SiloProcess"/>).</summary>
public static class FaultClusterClient
{
    public static async Task<IHost> StartAsync(string connectionString, string clusterId)
    {
        var postgres = PostgresDataSources.Create(connectionString, new PostgresSettings());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(postgres.Data);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "fault-test";
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloComposition.AdoNet.Invariant;
                o.DataSource = postgres.Orleans;
            });
            client.AddMesStreams(StreamsBackend.Postgres, FaultProbe.StreamOptions);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
