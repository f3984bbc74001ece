using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Live;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;

namespace MonEspaceSante.Api.Measurements;

/// <summary>The holder's live measurements as Server-Sent Events: a <c>ready</c> event, then a <c>measurements</c> event per batch of new readings.</summary>
public static class LiveFeed
{
    public static IResult StreamAsync(HttpContext http, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var key = PatientKey.From(Caller.OwnSpace(http));
        var grain = cluster.GetGrain<IPatientMeasurementsGrain>(key);
        return TypedResults.ServerSentEvents(LiveFeedRelay.EventsAsync(
            cluster, StreamNames.LiveMeasurements, key, grain.WatchLiveAsync, new LiveMeasurements([]), "measurements", FeedLimits.Of(http), cancellationToken));
    }
}
