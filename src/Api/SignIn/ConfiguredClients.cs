using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// Registers the clients of configuration (<c>SignIn:Clients</c>) and of the catalogue's seed
/// (<c>HealthSpace:Catalogue:Seed</c>, with their <c>RedirectUris</c>) in OpenIddict's store. The tables may not exist
/// yet when the host starts (a silo applies the migrations as it starts): it retries in the background, and the
/// sign-in endpoints wait for it before they look a client up (<see cref="EnsureFirst"/>).
/// </summary>
public sealed partial class ConfiguredClients(
    IServiceScopeFactory scopes, IOptions<SignInSettings> settings, IConfiguration configuration, ILogger<ConfiguredClients> logger) : BackgroundService
{
    private readonly Lock sync = new();
    private Task? registered;

    /// <summary>Runs first on every request to an OpenIddict endpoint: the configured clients are there before any is looked up.</summary>
    public static OpenIddictServerHandlerDescriptor EnsureFirst { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<WaitForClients>()
        .SetOrder(int.MinValue + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>Completes once every configured client is registered (a failed attempt is tried again at the next call).</summary>
    public Task EnsureAsync()
    {
        lock (sync)
        {
            if (registered is null || registered.IsFaulted || registered.IsCanceled)
            {
                registered = RegisterAsync();
            }

            return registered;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromMilliseconds(200); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks)))
        {
            try
            {
                await EnsureAsync();
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogNotYet(logger, exception.GetType().Name);
            }

            await Task.Delay(delay, stoppingToken);
        }
    }

    private async Task RegisterAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();
        foreach (var client in settings.Value.Clients)
        {
            await registry.EnsureAsync(client);
        }

        foreach (var app in configuration.GetSection("HealthSpace:Catalogue:Seed").GetChildren())
        {
            if (app["AppId"] is { } appId)
            {
                var redirects = app.GetSection("RedirectUris").Get<List<Uri>>();
                await registry.RegisterAppAsync(appId, app["Name"] ?? appId, new AppClientRequest(redirects ?? [], app["ClientSecret"]));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in clients not registered yet ({Reason}); trying again")]
    private static partial void LogNotYet(ILogger logger, string reason);

    /// <summary>The handler of <see cref="EnsureFirst"/>.</summary>
    public sealed class WaitForClients(ConfiguredClients clients) : IOpenIddictServerHandler<ProcessRequestContext>
    {
        public async ValueTask HandleAsync(ProcessRequestContext context)
        {
            // OpenIddict looks at every request of the host; only its own endpoints need the clients.
            if (context.EndpointType != OpenIddictServerEndpointType.Unknown)
            {
                await clients.EnsureAsync();
            }
        }
    }
}
