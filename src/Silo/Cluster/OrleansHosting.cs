using System.Net;
using Microsoft.Extensions.Options;
using MonEspaceSante.Silo.Database;
using MonEspaceSante.Silo.Defaults;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Streaming;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace MonEspaceSante.Silo.Cluster;

/// <summary>
/// Turns the host into a silo (embedded default, or PostgreSQL when <c>ConnectionStrings:Postgres</c>
/// is set) or, with <c>Mes:Role=Api</c>, into a stateless Orleans client in front of the silos.
/// </summary>
public static class OrleansHosting
{
    /// <summary>
    /// Production never acknowledges a write it could lose: grain state, reminders and membership in memory (no
    /// <c>ConnectionStrings:Postgres</c>) and memory streams are refused at start, each with the setting to change; and
    /// never opens its cluster ports without mutual TLS.
    /// </summary>
    public static void RefuseUnsafe(bool hasPostgres, StreamsBackend streams, bool clusterTls)
    {
        var failures = new List<string>();
        if (!hasPostgres)
        {
            failures.Add("Production needs ConnectionStrings:Postgres: without it grain state, reminders and cluster membership are kept in memory and lost with the process.");
        }
        else if (!clusterTls)
        {
            failures.Add("Production needs mutual TLS on the silo and gateway ports: set Orleans:Tls:CertificateFile (or Orleans:Tls:Thumbprint) and Orleans:Tls:AuthorityFile; without it any host reaching those ports can call any grain.");
        }

        if (streams == StreamsBackend.Memory)
        {
            failures.Add("Production refuses Streams:Provider=Memory: events committed to a memory stream are lost with a silo; use Postgres (the default with ConnectionStrings:Postgres).");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException("ConnectionStrings", typeof(HostingMode), failures);
        }
    }

    public static HostRole AddMesOrleans(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mes = builder.Configuration.GetSection(MesSettings.Section).Get<MesSettings>() ?? new MesSettings();

        builder.Services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PostgresSettings>().BindConfiguration(PostgresSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WavesSettings>().BindConfiguration(WavesSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var pgSettings = builder.Configuration.GetSection(PostgresSettings.Section).Get<PostgresSettings>() ?? new PostgresSettings();
        var connectionString = builder.Configuration.GetConnectionString(PostgresSettings.ConnectionStringName);
        var postgres = string.IsNullOrWhiteSpace(connectionString) ? null : PostgresDataSources.Create(connectionString, pgSettings);
        var streams = builder.Configuration.GetSection(StreamsSettings.Section).Get<StreamsSettings>() ?? new StreamsSettings();
        var waves = builder.Configuration.GetSection(WavesSettings.Section).Get<WavesSettings>() ?? new WavesSettings();
        var streamsBackend = SiloComposition.ResolveBackend(streams, postgres);
        var tls = builder.Configuration.GetSection(ClusterTlsSettings.Section).Get<ClusterTlsSettings>() ?? new ClusterTlsSettings();
        if (builder.Environment.IsProduction())
        {
            RefuseUnsafe(postgres is not null, streamsBackend, tls.IsConfigured);
        }

        var tables = mes.Role == HostRole.Silo && postgres is null ? EmbeddedTables.Open(builder, mes.EmbeddedPostgres) : null;
        builder.Services.AddSingleton(new HostingMode(mes.Role, postgres is not null, streamsBackend, tables?.Description));

        var health = builder.Services.AddHealthChecks();
        if (postgres is not null)
        {
            builder.Services.AddSingleton(postgres);
            builder.Services.AddSingleton(postgres.Data);
            health.AddNpgSql(_ => postgres.Data, name: "postgresql", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(3));
        }

        if (mes.Role == HostRole.Api)
        {
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => SiloComposition.ConfigureClusterIdentity(o, cluster));
                if (postgres is null)
                {
                    client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
                }
                else
                {
                    client.UseAdoNetClustering(o =>
                    {
                        o.Invariant = SiloComposition.AdoNet.Invariant;
                        o.DataSource = postgres.Orleans;
                    });
                }

                client.ConfigureMesClientTimings(cluster);
                if (tls.IsConfigured)
                {
                    client.UseMesTls(tls);
                }

                client.AddMesStreams(streamsBackend, streams.Postgres);
                client.AddDashboard();
            });
            health.AddCheck<ClusterClientReadiness>("orleans-cluster", tags: [HealthTags.Ready]);
            return mes.Role;
        }

        builder.UseOrleans(silo =>
        {
            if (postgres is null)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, null, cluster.ServiceId, cluster.ClusterId);
            }
            else
            {
                silo.Configure<ClusterOptions>(o => SiloComposition.ConfigureClusterIdentity(o, cluster));
                silo.ConfigureEndpoints(AdvertisedAddress(cluster), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseMesPostgresClustering(postgres);
                silo.ConfigureMesMembership(cluster);
            }

            if (tls.IsConfigured)
            {
                silo.UseMesTls(tls);
            }

            silo.AddMesPersistence(postgres, pgSettings, waves);
            if (tables?.DataSource is { } embedded)
            {
                silo.AddMesTables(embedded);
            }

            silo.AddMesStreams(streamsBackend, streams.Postgres);
            silo.AddDashboard();
        });
        health.AddCheck<SiloReadiness>("orleans-silo", tags: [HealthTags.Ready]);
        return mes.Role;
    }

    private static IPAddress AdvertisedAddress(ClusterSettings cluster)
    {
        if (string.IsNullOrWhiteSpace(cluster.AdvertisedHost))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(cluster.AdvertisedHost, out var address))
        {
            return address;
        }

        return Dns.GetHostAddresses(cluster.AdvertisedHost).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ?? throw new OptionsValidationException(ClusterSettings.Section, typeof(ClusterSettings), [$"Orleans:AdvertisedHost '{cluster.AdvertisedHost}' has no IPv4 address."]);
    }
}
