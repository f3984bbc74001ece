using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Live;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// The holder's document feed as Server-Sent Events: a <c>ready</c> event, then a <c>document</c> event for each new,
/// changed or deleted document they can see (the grain publishes only those).
/// </summary>
internal static class DocumentLiveFeed
{
    public static IResult Stream(HttpContext http, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var key = PatientKey.From(Caller.OwnSpace(http));
        var grain = cluster.GetGrain<IPatientDocumentsGrain>(key);
        return TypedResults.ServerSentEvents(LiveFeedRelay.EventsAsync<DocumentEvent>(
            cluster, DocumentStreams.Live, key, grain.WatchDocumentsAsync, null, "document", FeedLimits.Of(http), cancellationToken));
    }
}
