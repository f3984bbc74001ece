using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MonEspaceSante.Api.Security;

/// <summary>Which proxies may say who the client is and whether it came over TLS (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>).</summary>
public sealed class NetworkSettings
{
    public const string Section = "Network";

    /// <summary>Addresses of the TLS proxies in front of the API (loopback is always one).</summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>Networks of such proxies, in CIDR (<c>172.16.0.0/12</c> for a container network).</summary>
    public IReadOnlyList<string> KnownNetworks { get; init; } = [];
}

/// <summary>
/// What every answer carries and every request goes through before the API: forwarded headers from the known proxies
/// only (a client cannot claim an address or TLS by sending them itself), HSTS outside Development, and headers
/// that keep a browser from sniffing, framing or leaking (<c>nosniff</c>, <c>frame-ancestors 'none'</c>,
/// <c>Referrer-Policy</c>; answers that are not HTML get <c>default-src 'none'</c>). Production also refuses
/// <c>AllowedHosts=*</c>: the host names a request may carry are the deployment's.
/// </summary>
public static class HttpHardening
{
    /// <summary>The policy of answers that are no page (JSON, FHIR, files): nothing loads, nothing frames them.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The policy of pages that set none of their own (the OpenAPI reference, the dashboard): never framed, no plugins.</summary>
    public const string PagePolicy = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IHostApplicationBuilder AddMesHttpHardening(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(NetworkSettings.Section).Get<NetworkSettings>() ?? new NetworkSettings();
        var (proxies, networks) = Parse(settings);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });

        var hosts = builder.Configuration["AllowedHosts"];
        if (builder.Environment.IsProduction() && (string.IsNullOrWhiteSpace(hosts) || hosts.Split(';').Any(h => h.Trim() == "*")))
        {
            throw new OptionsValidationException("AllowedHosts", typeof(NetworkSettings),
                ["Production needs AllowedHosts set to the public host names of the service (separated by ';'), not '*'."]);
        }

        return builder;
    }

    public static WebApplication UseMesHttpHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.TryAdd("Referrer-Policy", "no-referrer");
                headers.TryAdd("X-Frame-Options", "DENY");
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    var html = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
                    headers["Content-Security-Policy"] = html ? PagePolicy : ApiPolicy;
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks) Parse(NetworkSettings settings)
    {
        var failures = new List<string>();
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        for (var i = 0; i < settings.KnownProxies.Count; i++)
        {
            if (IPAddress.TryParse(settings.KnownProxies[i], out var address))
            {
                proxies.Add(address);
            }
            else
            {
                failures.Add($"Network:KnownProxies:{i} ('{settings.KnownProxies[i]}') is not an IP address.");
            }
        }

        for (var i = 0; i < settings.KnownNetworks.Count; i++)
        {
            if (System.Net.IPNetwork.TryParse(settings.KnownNetworks[i], out var network))
            {
                networks.Add(network);
            }
            else
            {
                failures.Add($"Network:KnownNetworks:{i} ('{settings.KnownNetworks[i]}') is not a network in CIDR notation (10.0.0.0/8).");
            }
        }

        return failures.Count == 0 ? (proxies, networks) : throw new OptionsValidationException(NetworkSettings.Section, typeof(NetworkSettings), failures);
    }
}
