using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
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

    /// <summary>The events of stream <paramref name="streamNamespace"/>/<paramref name="patientKey"/>; <paramref name="watch"/> tells the grain someone is watching for that long.</summary>
    public static async IAsyncEnumerable<SseItem<T?>> EventsAsync<T>(
        IClusterClient cluster, string streamNamespace, string patientKey, Func<TimeSpan, Task> watch, T? ready, string eventType,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(watch);
        var events = Channel.CreateBounded<T>(new BoundedChannelOptions(Buffer) { FullMode = BoundedChannelFullMode.DropOldest });
        var stream = cluster.GetStreamProvider(StreamNames.Live).GetStream<T>(StreamId.Create(streamNamespace, patientKey));
        var subscription = await stream.SubscribeAsync((item, _) =>
        {
            events.Writer.TryWrite(item);
            return Task.CompletedTask;
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await watch(Renewal * 2);
        var renewing = RenewAsync(watch, stop.Token);
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

    private static async Task RenewAsync(Func<TimeSpan, Task> watch, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
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
