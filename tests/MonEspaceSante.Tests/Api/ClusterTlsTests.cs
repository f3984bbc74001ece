using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.Me;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Silo.Cluster;
using MonEspaceSante.Silo.Database;
using MonEspaceSante.Tests.Infrastructure;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace MonEspaceSante.Tests.Api;

/// <summary>
/// Two silos and the API tier on PostgreSQL with mutual TLS on the silo and gateway ports: they form a cluster and serve
/// requests; an Orleans client without a certificate, or with one of another authority, cannot connect at all.
/// </summary>
public sealed class ClusterTlsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Nodes_holding_the_cluster_authority_s_certificates_serve_and_no_other_client_can_connect()
    {
        var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("tls");
        var clusterId = $"tls-{Guid.NewGuid():N}";
        var ins = TestIns.Next();
        var node = ClusterCertificates.Cluster.Settings();
        node["Orleans:ClusterId"] = clusterId;
        await using var first = new ApiFactory { PostgresConnectionString = database, Settings = node };
        first.CreateClient();
        await using var second = new ApiFactory { PostgresConnectionString = database, Settings = node };
        second.CreateClient();
        await using var api = new ApiFactory { PostgresConnectionString = database, Settings = new Dictionary<string, string>(node) { ["Mes:Role"] = "Api" } };

        var opposed = await api.PatientClient(ins).PostAsync("/api/v1/me/opposition", null);
        var space = await (await api.PatientClient(ins).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();
        var ready = await api.CreateClient().GetStringAsync("/health/ready");

        opposed.StatusCode.Should().Be(HttpStatusCode.OK);
        space.Status.Should().Be(EnrollmentStatus.Opposed);
        ready.Should().Contain("2 active silo(s)", "the second silo joined the first over TLS, and the API tier reaches them");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        output.WriteLine($"cluster of two silos and the API tier over TLS served a request; {clock.Elapsed.TotalSeconds:0.0} s");
        var plain = () => ConnectAsync(database, clusterId, tls: null);
        var foreign = () => ConnectAsync(database, clusterId, ClusterCertificates.Foreign);
        var trusted = await ConnectAsync(database, clusterId, ClusterCertificates.Cluster);

        var plainFailure = (await plain.Should().ThrowAsync<Exception>()).Which;
        var foreignFailure = (await foreign.Should().ThrowAsync<Exception>()).Which;
        output.WriteLine($"without a certificate: {plainFailure.GetType().Name}: {plainFailure.Message}");
        output.WriteLine($"with another authority's: {foreignFailure.GetType().Name}: {foreignFailure.Message}");
        plainFailure.Should().BeAssignableTo<Orleans.Runtime.OrleansException>("the gateways close the connection");
        foreignFailure.Should().BeAssignableTo<Orleans.Runtime.OrleansException>("the gateways refuse the certificate");
        output.WriteLine($"refused clients and a trusted one after {clock.Elapsed.TotalSeconds:0.0} s");
        var reached = await trusted.Services.GetRequiredService<IClusterClient>().GetPatient(ins).GetSpaceAsync(MonEspaceSante.Tests.Facets.Callers.Holder(ins));
        reached.Status.Should().Be(EnrollmentStatus.Opposed, "the same client with a certificate of the cluster's authority is let in");
        await trusted.StopAsync();
        trusted.Dispose();
    }

    [Theory]
    [InlineData("a certificate for the client side only", "serverAuth and clientAuth")]
    [InlineData("a certificate of another authority", "not issued by the authority")]
    [InlineData("no authority", "AuthorityFile")]
    [InlineData("a missing file", "no file")]
    [InlineData("no private key", "Orleans:Tls:CertificateFile")]
    public void A_start_with_unusable_certificates_fails_naming_the_setting(string what, string named)
    {
        var cluster = ClusterCertificates.Cluster;
        var settings = new ClusterTlsSettings { CertificateFile = cluster.NodeCertificateFile, KeyFile = cluster.NodeKeyFile, AuthorityFile = cluster.AuthorityFile };
        switch (what)
        {
            case "a certificate for the client side only": settings.CertificateFile = cluster.ClientOnlyCertificateFile; settings.KeyFile = cluster.ClientOnlyKeyFile; break;
            case "a certificate of another authority": settings.CertificateFile = ClusterCertificates.Foreign.NodeCertificateFile; settings.KeyFile = ClusterCertificates.Foreign.NodeKeyFile; break;
            case "no authority": settings.AuthorityFile = null; break;
            case "a missing file": settings.CertificateFile = Path.Combine(cluster.Directory, "absent.crt"); break;
            default: settings.KeyFile = null; break;
        }

        var load = () => ClusterTls.Load(settings);

        load.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    [Fact]
    public async Task The_development_certificates_of_the_compose_file_are_accepted_by_a_node()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MonEspaceSante.sln")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(Path.GetTempPath(), $"mes-compose-tls-{Guid.NewGuid():N}");
        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(root!.FullName, "docker", "cluster-certs.sh"));
        start.ArgumentList.Add(Path.Combine(directory, "nodes"));
        start.ArgumentList.Add(Path.Combine(directory, "authority"));
        using var script = System.Diagnostics.Process.Start(start)!;
        var errors = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();

        script.ExitCode.Should().Be(0, errors);
        var (certificate, authority) = ClusterTls.Load(new ClusterTlsSettings
        {
            CertificateFile = Path.Combine(directory, "nodes", "node.crt"),
            KeyFile = Path.Combine(directory, "nodes", "node.key"),
            AuthorityFile = Path.Combine(directory, "nodes", "ca.crt"),
        });
        ClusterTls.IssuedBy(certificate, authority).Should().BeTrue();
        File.Exists(Path.Combine(directory, "nodes", "ca.key")).Should().BeFalse("the authority's key is not where the nodes mount");
    }

    /// <summary>A bare Orleans client of the cluster, with the certificates of <paramref name="tls"/> or none.</summary>
    private static async Task<IHost> ConnectAsync(string connectionString, string clusterId, ClusterCertificates? tls)
    {
        var postgres = PostgresDataSources.Create(connectionString, new PostgresSettings());
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = new ClusterSettings().ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloComposition.AdoNet.Invariant;
                o.DataSource = postgres.Orleans;
            });
            // No second try: a refused connection fails the start at once.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            if (tls is not null)
            {
                client.UseMesTls(new ClusterTlsSettings { CertificateFile = tls.NodeCertificateFile, KeyFile = tls.NodeKeyFile, AuthorityFile = tls.AuthorityFile });
            }
        });
        var host = builder.Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
