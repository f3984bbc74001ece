using System.Collections.Frozen;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MonEspaceSante.Interfaces.Catalogue;

namespace MonEspaceSante.Grains.Catalogue;

/// <summary>
/// The apps the catalogue has withdrawn, as this silo knows them: a withdrawn app is refused on every
/// person's space even where a consent to it is still live. Asking the one catalogue grain on each app
/// request would make it the hottest grain of the cluster, so each silo keeps this copy: the silo that
/// holds the catalogue updates it at once, the others within <see cref="RefreshEvery"/>.
/// </summary>
public sealed partial class WithdrawnApps(IGrainFactory grains, ILogger<WithdrawnApps> logger) : BackgroundService
{
    /// <summary>How stale another silo's copy may be.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);

    private readonly Lock sync = new();
    private FrozenSet<string> withdrawn = FrozenSet<string>.Empty;
    private long changes;

    public bool Contains(string appId) => Volatile.Read(ref withdrawn).Contains(appId);

    /// <summary>The catalogue on this silo withdrew or listed again <paramref name="appId"/>.</summary>
    internal void Record(string appId, bool isWithdrawn)
    {
        lock (sync)
        {
            var ids = new HashSet<string>(withdrawn, StringComparer.Ordinal);
            var changed = isWithdrawn ? ids.Add(appId) : ids.Remove(appId);
            if (changed)
            {
                Volatile.Write(ref withdrawn, ids.ToFrozenSet(StringComparer.Ordinal));
                changes++;
            }
        }
    }

    /// <summary>Reads the catalogue again; a local change made meanwhile wins until the next refresh.</summary>
    public async Task RefreshAsync()
    {
        long before;
        lock (sync)
        {
            before = changes;
        }

        var apps = await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).ListAsync(includeWithdrawn: true);
        var ids = apps.Where(a => !a.IsListed).Select(a => a.AppId).ToFrozenSet(StringComparer.Ordinal);
        lock (sync)
        {
            if (changes == before)
            {
                Volatile.Write(ref withdrawn, ids);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        do
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The silo may still be starting, or the catalogue's silo moving: the next tick retries.
                LogRefreshFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the withdrawn apps from the catalogue; retrying in 10 s")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
