using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.Api;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Silo.Cluster;
using MonEspaceSante.Silo.Defaults;
using Npgsql;

namespace MonEspaceSante.Benchmarks.Soak;

/// <summary>The stateless API tier (<c>Mes:Role=Api</c>) as src/Silo/Program.cs composes it, on Kestrel at a free loopback port.</summary>
public sealed class SoakApi : IAsyncDisposable
{
    private readonly WebApplication app;

    private SoakApi(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IClusterClient Client => app.Services.GetRequiredService<IClusterClient>();

    public TokenIssuer Tokens => app.Services.GetRequiredService<TokenIssuer>();

    public NpgsqlDataSource Data => app.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<SoakApi> StartAsync(IReadOnlyDictionary<string, string> silos)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory });
        var settings = silos.Where(s => s.Key.Contains(':', StringComparison.Ordinal)).ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Mes:Role"] = "Api";
        settings["SignIn:Issuer"] = baseAddress.ToString();
        // All the load comes from one address: the per-address limit would only measure itself. The per-caller limits
        // stay as configured, so that the abusive professional meets them.
        settings["RateLimits:PerAddressPerSecond"] = "1000000";
        settings["RateLimits:PerAddressBurst"] = "1000000";
        builder.Configuration.AddInMemoryCollection(settings);
        // The hosts' own logging (every INS masked) and telemetry, as src/Silo/Program.cs has them.
        builder.AddMesDefaults();
        builder.WebHost.UseUrls(baseAddress.ToString());
        builder.AddMesOrleans();
        builder.AddMesApi();
        var app = builder.Build();
        app.UseMesApi();
        app.MapMesApi();
        await app.StartAsync();
        return new SoakApi(app, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await app.StopAsync(stop.Token);
        }

        await app.DisposeAsync();
    }
}
