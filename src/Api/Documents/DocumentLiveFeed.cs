using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;
using Orleans.Streams;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// The holder's document feed as Server-Sent Events: a <c>ready</c> event, then a <c>document</c> event for each new,
/// changed or deleted document they can see (the grain publishes only those). Same mechanics as the measurement feed:
/// an explicit subscription for the time of the connection, renewed interest, the oldest events dropped for a slow reader.
/// </summary>
internal static class DocumentLiveFeed
{
    public const int Buffer = 256;

    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(60);

    public static IResult Stream(HttpContext http, IClusterClient cluster, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(EventsAsync(PatientKey.From(Caller.OwnSpace(http)), cluster, cancellationToken));

    private static async IAsyncEnumerable<SseItem<DocumentEvent?>> EventsAsync(string patientKey, IClusterClient cluster, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = cluster.GetGrain<IPatientDocumentsGrain>(patientKey);
        var events = Channel.CreateBounded<DocumentEvent>(new BoundedChannelOptions(Buffer) { FullMode = BoundedChannelFullMode.DropOldest });
        var stream = cluster.GetStreamProvider(StreamNames.Live).GetStream<DocumentEvent>(StreamId.Create(DocumentStreams.Live, patientKey));
        var subscription = await stream.SubscribeAsync((item, _) =>
        {
            events.Writer.TryWrite(item);
            return Task.CompletedTask;
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await grain.WatchDocumentsAsync(Renewal * 2);
        var renewing = RenewAsync(grain, stop.Token);
        try
        {
            yield return new SseItem<DocumentEvent?>(null, "ready");
            await foreach (var item in events.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<DocumentEvent?>(item, "document");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await renewing;
            await subscription.UnsubscribeAsync();
        }
    }

    private static async Task RenewAsync(IPatientDocumentsGrain grain, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Renewal);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await grain.WatchDocumentsAsync(Renewal * 2);
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
