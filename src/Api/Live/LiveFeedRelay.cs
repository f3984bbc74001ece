using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Streams;
using Orleans.Streams;

namespace MonEspaceSante.Api.Live;

/// <summary>
/// Relays one person's live stream (memory provider <c>live</c>) as Server-Sent Events: an explicit subscription
/// for the time of the connection, a <c>ready</c> event, then one event per item. The grain publishes only while
/// someone watches, so the feed renews its interest every <see cref="Renewal"/>; a slow reader loses the oldest
/// events and never slows the producers.
/// </summary>
public static class LiveFeedRelay
{
    public const int Buffer = 256;

    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The events of stream <paramref name="streamNamespace"/>/<paramref name="patientKey"/>; <paramref name="watch"/> tells the
    /// grain someone is watching for that long. The feed ends (the response completes) when <paramref name="limits"/>
    /// says: its token expired, or was found revoked at a renewal; its admission is released then.
    /// </summary>
    public static async IAsyncEnumerable<SseItem<T?>> EventsAsync<T>(
        IClusterClient cluster, string streamNamespace, string patientKey, Func<TimeSpan, Task> watch, T? ready, string eventType,
        FeedLimits limits, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(limits);
        using var admission = limits.Admission;
        var events = Channel.CreateBounded<T>(new BoundedChannelOptions(Buffer) { FullMode = BoundedChannelFullMode.DropOldest });
        var stream = cluster.GetStreamProvider(StreamNames.Live).GetStream<T>(StreamId.Create(streamNamespace, patientKey));
        var subscription = await stream.SubscribeAsync((item, _) =>
        {
            events.Writer.TryWrite(item);
            return Task.CompletedTask;
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await watch(Renewal * 2);
        var renewing = RenewAsync(watch, limits.StillValid, () => events.Writer.TryComplete(), stop.Token);
        using var expiry = new Timer(_ => events.Writer.TryComplete(), null,
            limits.TokenLeft is { } left ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        try
        {
            yield return new SseItem<T?>(ready, "ready");
            await foreach (var item in events.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<T?>(item, eventType);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await renewing;
            await subscription.UnsubscribeAsync();
        }
    }

    private static async Task RenewAsync(Func<TimeSpan, Task> watch, Func<Task<bool>> stillValid, Action close, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    if (!await stillValid())
                    {
                        // Revoked since the feed opened: it ends now, as the next request would be refused.
                        close();
                        return;
                    }

                    await watch(Renewal * 2);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The grain's silo may be going away: the next tick tries again, on its new one.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The feed closed.
        }
    }
}

/// <summary>What bounds one feed: the caller's admission (released at the end), how long its token is good for, and its revocation check.</summary>
public sealed record FeedLimits(IDisposable? Admission, TimeSpan? TokenLeft, Func<Task<bool>> StillValid)
{
    /// <summary>The limits of the caller of <paramref name="http"/>: admitted by the gate (or a 429), closed at the token's expiry or revocation.</summary>
    public static FeedLimits Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var gate = http.RequestServices.GetRequiredService<LiveFeedGate>();
        return new FeedLimits(gate.Enter(http), LiveFeedGate.Remaining(http, TimeProvider.System), gate.StillValid(http));
    }
}
