using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.Grains.Streaming;
using MonEspaceSante.Silo.Cluster;
using MonEspaceSante.Silo.Database;
using Orleans.Configuration;

namespace MonEspaceSante.FaultSilo;

internal static class FaultSiloHost
{
    public static async Task Main(string[] args)
    {
        // Settings come from the environment: ConnectionStrings__Postgres, Orleans__ClusterId,
        // Orleans__SiloPort, Orleans__GatewayPort. Prints READY once the silo is active.
        var builder = Host.CreateApplicationBuilder(args);
        var connectionString = builder.Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings__Postgres is required.");
        var clusterId = builder.Configuration["Orleans:ClusterId"] ?? throw new InvalidOperationException("Orleans__ClusterId is required.");
        var siloPort = int.Parse(builder.Configuration["Orleans:SiloPort"] ?? "11111", System.Globalization.CultureInfo.InvariantCulture);
        var gatewayPort = int.Parse(builder.Configuration["Orleans:GatewayPort"] ?? "30000", System.Globalization.CultureInfo.InvariantCulture);
        var postgres = PostgresDataSources.Create(connectionString, new PostgresSettings());

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "fault-test";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseMesPostgresClustering(postgres);
            silo.AddMesPersistence(postgres);
            silo.Services.Configure<MonEspaceSante.Grains.Notices.DeliverySettings>(d => d.Enabled = false);
            silo.AddMesStreams(StreamsBackend.Postgres, FaultProbe.StreamOptions);

            // Failure detection as production has it (section Orleans), unless the test starting this silo says otherwise.
            silo.ConfigureMesMembership(builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings());
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ReadySignal>();
        });

        await builder.Build().RunAsync();
    }
}


internal sealed class ReadySignal : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ReadySignal), ServiceLifecycleStage.Active + 100, _ =>
        {
            Console.WriteLine("READY");
            return Task.CompletedTask;
        });
}
