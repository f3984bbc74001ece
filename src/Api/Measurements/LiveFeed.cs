using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;
using Orleans.Streams;

namespace MonEspaceSante.Api.Measurements;

/// <summary>
/// The holder's live feed as Server-Sent Events, from their live stream (explicit subscription for the
/// time of the connection). A slow reader loses the oldest events, never slows the producers.
/// </summary>
public static class LiveFeed
{
    public const int Buffer = 256;

    /// <summary>How often an open feed tells the grain it is still watching (the grain stops publishing twice that long after).</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(60);

    public static IResult StreamAsync(HttpContext http, IClusterClient cluster, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(EventsAsync(PatientKey.From(Caller.OwnSpace(http)), cluster, cancellationToken));

    private static async IAsyncEnumerable<SseItem<LiveMeasurements>> EventsAsync(string patientKey, IClusterClient cluster, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = cluster.GetGrain<IPatientMeasurementsGrain>(patientKey);
        var events = Channel.CreateBounded<LiveMeasurements>(new BoundedChannelOptions(Buffer) { FullMode = BoundedChannelFullMode.DropOldest });
        var stream = cluster.GetStreamProvider(StreamNames.Live).GetStream<LiveMeasurements>(StreamId.Create(StreamNames.LiveMeasurements, patientKey));
        var subscription = await stream.SubscribeAsync((item, _) =>
        {
            events.Writer.TryWrite(item);
            return Task.CompletedTask;
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await grain.WatchLiveAsync(Renewal * 2);
        var renewing = RenewAsync(grain, stop.Token);
        try
        {
            yield return new SseItem<LiveMeasurements>(new LiveMeasurements([]), "ready");
            await foreach (var item in events.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<LiveMeasurements>(item, "measurements");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await renewing;
            await subscription.UnsubscribeAsync();
        }
    }

    private static async Task RenewAsync(IPatientMeasurementsGrain grain, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await grain.WatchLiveAsync(Renewal * 2);
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
