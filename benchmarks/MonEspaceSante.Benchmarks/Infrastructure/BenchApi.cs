using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.Api;
using MonEspaceSante.Api.Security;
using MonEspaceSante.EmbeddedPostgres;
using MonEspaceSante.Silo.Cluster;
using MonEspaceSante.Silo.Defaults;
using Npgsql;

namespace MonEspaceSante.Benchmarks.Infrastructure;

/// <summary>
/// The real application as src/Silo/Program.cs composes it (Orleans silo, API, Kestrel on a free
/// loopback port) on a fresh database of a durable throwaway PostgreSQL server.
/// </summary>
public sealed class BenchApi : IAsyncDisposable
{
    private readonly ThrowawayPostgres server;
    private readonly WebApplication app;

    private BenchApi(ThrowawayPostgres server, WebApplication app, Uri baseAddress)
    {
        this.server = server;
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>A public frontend client (code flow with PKCE) the sign-in benchmark signs people in with.</summary>
    public const string BenchFrontend = "bench-web";

    /// <summary>Its redirect URI: nobody listens there, the code is read from the redirect.</summary>
    public const string BenchRedirect = "http://127.0.0.1:9/callback";

    public Uri BaseAddress { get; }

    public NpgsqlDataSource Data => app.Services.GetRequiredService<NpgsqlDataSource>();

    public IClusterClient Client => app.Services.GetRequiredService<IClusterClient>();

    public TokenIssuer Tokens => app.Services.GetRequiredService<TokenIssuer>();

    /// <summary>The server's data directory (its <c>postmaster.pid</c> names the server process).</summary>
    public string ServerDataDirectory => server.DataDirectory;

    public static async Task<BenchApi> StartAsync()
    {
        var server = await ThrowawayPostgres.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync("bench");
        var (http, silo, gateway) = FreePorts();
        var baseAddress = new Uri($"http://127.0.0.1:{http}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Postgres:OrleansPoolSize"] = "40",
            // The load comes from one address and a few callers, on purpose: the limits would measure themselves.
            ["RateLimits:Enabled"] = "false",
            ["Postgres:DataPoolSize"] = "40",
            ["Orleans:ClusterId"] = "bench",
            ["Orleans:ServiceId"] = "bench",
            ["Orleans:SiloPort"] = silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SignIn:Issuer"] = baseAddress.ToString(),
            ["SignIn:Clients:10:ClientId"] = BenchFrontend,
            ["SignIn:Clients:10:Kind"] = "Frontend",
            ["SignIn:Clients:10:RedirectUris:0"] = BenchRedirect,
            ["SignIn:DevelopmentKeysFile"] = Path.Combine(server.DataDirectory, "..", "signin-keys.json"),
            ["Mes:InsHashKey"] = "benchmark-only-ins-hash-key",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MonEspaceSante"] = "Warning",
            ["Logging:LogLevel:Orleans.Runtime.Silo"] = "Warning",
        });
        // The hosts' own logging (every INS masked) and telemetry, as src/Silo/Program.cs has them.
        builder.AddMesDefaults();
        builder.WebHost.UseUrls(baseAddress.ToString());
        builder.AddMesOrleans();
        builder.AddMesApi();

        var app = builder.Build();
        app.UseMesApi();
        app.MapMesApi();
        await app.StartAsync();
        return new BenchApi(server, app, baseAddress);
    }

    /// <summary>Three distinct free loopback ports: the listeners stay open until all three are chosen.</summary>
    private static (int Http, int Silo, int Gateway) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
            listeners.ForEach(l => l.Dispose());
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await app.StopAsync(stop.Token);
        }

        await app.DisposeAsync();
        await server.DisposeAsync();
    }
}
