using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MonEspaceSante.Silo.Cluster;

namespace MonEspaceSante.Silo.Operations;

/// <summary>Says where everything is, and whether data survives a restart, once the host has started.</summary>
internal sealed partial class StartupBanner(
    IServer server,
    HostingMode mode,
    IHostApplicationLifetime lifetime,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var baseUrl = addresses.FirstOrDefault()?.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal) ?? "(no HTTP endpoint)";
        LogReady(logger, mode.Role.ToString());
        LogUrls(logger, baseUrl);
        if (mode.Durable)
        {
            LogDurable(logger, mode.Streams.ToString());
            if (mode.Streams == MonEspaceSante.Grains.Streaming.StreamsBackend.Memory)
            {
                LogStreamsNotDurable(logger);
            }
        }
        else if (mode.Role == HostRole.Silo)
        {
            LogNotDurable(logger);
            LogTables(logger, mode.Tables ?? "none");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mon espace santé started as {Role}.")]
    private static partial void LogReady(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "API {Url}/api/v1 | FHIR {Url}/fhir | OpenAPI UI {Url}/scalar | dashboard {Url}/dashboard (operators) | health {Url}/health/ready | dev tokens POST {Url}/dev/token")]
    private static partial void LogUrls(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "DATA IS NOT DURABLE: embedded mode keeps grain state, reminders and streams in memory; everything is lost when this process stops. Set ConnectionStrings__Postgres for PostgreSQL.")]
    private static partial void LogNotDurable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "STREAMS ARE NOT DURABLE: Streams:Provider is Memory; events queued when a silo dies are lost.")]
    private static partial void LogStreamsNotDurable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Our own tables (outbox, waves, measurements, documents...): {Tables}.")]
    private static partial void LogTables(ILogger logger, string tables);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable mode: membership, grain state and reminders are in PostgreSQL; streams: {Streams}.")]
    private static partial void LogDurable(ILogger logger, string streams);
}
