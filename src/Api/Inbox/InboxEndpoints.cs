using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Inbox;

/// <summary>
/// The secure inbox over JSON (<c>/api/v1/me/inbox</c>, the person or a legal representative with <c>X-Act-For</c>)
/// and FHIR (<c>/fhir/Communication</c>, professionals). Only professionals start conversations.
/// </summary>
public static class InboxEndpoints
{
    /// <summary>The secure inbox: the holder's JSON and FHIR Communication.</summary>
    public static MesRoutes MapInbox(this MesRoutes routes) => routes.Map(api => api.MapInboxEndpoints(), fhir => fhir.MapFhirInboxEndpoints());

    internal static RouteGroupBuilder MapInboxEndpoints(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/me/inbox").WithTags("My inbox").RequireAuthorization(MesRoles.Patient);
        inbox.MapGet("/", (HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.GetInboxAsync(me)))
            .WithName("GetMyInbox").WithSummary("Conversations, newest activity first, each with its unread count, and the total unread.");
        inbox.MapPost("/", StartRefused).WithName("StartConversationRefused")
            .WithSummary("Always refused (403): only professionals start a conversation (FHIR POST /fhir/Communication); reply within one instead.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        inbox.MapGet("/{conversationId}", (string conversationId, HttpContext http, IGrainFactory grains) =>
                Run(http, grains, (g, me) => g.ReadConversationAsync(me, conversationId)))
            .WithName("ReadMyConversation").WithSummary("A conversation's messages, oldest first; they count as read from now on.");
        inbox.MapPost("/{conversationId}/messages", ReplyAsync).WithName("ReplyInConversation")
            .WithSummary("Replies within a conversation: text and/or attachments (base64 data; pdf, jpeg, png, rtf, tiff, txt; 10 MiB, 5 at most).")
            .WithMetadata(new RequestSizeLimitAttribute(InboxLimits.MaxRequestBytes));
        inbox.MapGet("/{conversationId}/messages/{seq:int}/attachments/{n:int}", DownloadAsync).WithName("DownloadInboxAttachment")
            .WithSummary("The bytes of attachment n (from 0) of message seq (from 1).");
        inbox.MapPost("/{conversationId}/messages/{seq:int}/attachments/{n:int}/document", SaveToDocumentsAsync).WithName("SaveInboxAttachmentToDocuments")
            .WithSummary("Files an attachment among the documents (class \"90\" and the attachment's title by default); doing it again changes nothing.");
        return api;
    }

    internal static RouteGroupBuilder MapFhirInboxEndpoints(this RouteGroupBuilder fhir) => CommunicationEndpoints.Map(fhir);

    private static IResult StartRefused() => throw new AccessDeniedException(
        "Only health professionals start a conversation (FHIR POST /fhir/Communication). Reply within one: POST /api/v1/me/inbox/{conversationId}/messages.");

    private static async Task<Results<Created<InboxMessage>, Ok<InboxMessage>>> ReplyAsync(string conversationId, ReplyRequest request, HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        var message = new OutgoingMessage(
            request.Text, (request.Attachments ?? []).Select(a => new AttachmentUpload(a?.ContentType, a?.Title, a?.Data)).ToList(), request.ClientId);
        var posted = await grains.GetGrain<IPatientInboxGrain>(PatientKey.From(space)).PostMessageAsync(me, conversationId, message);
        return posted.Created
            ? TypedResults.Created($"/api/v1/me/inbox/{conversationId}", posted.Message)
            : TypedResults.Ok(posted.Message);
    }

    private static async Task<FileContentHttpResult> DownloadAsync(string conversationId, int seq, int n, HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        var attachment = await grains.GetGrain<IPatientInboxGrain>(PatientKey.From(space)).GetAttachmentAsync(me, conversationId, seq, n);
        return TypedResults.File(attachment.Content, attachment.MediaType, attachment.Title);
    }

    /// <summary>
    /// Two grain calls from here, not one grain calling the other: the documents facet lives in the same grain, and a
    /// grain awaiting a call to itself within its own turn would deadlock.
    /// </summary>
    private static async Task<Ok<DocumentView>> SaveToDocumentsAsync(
        string conversationId, int seq, int n, [FromBody] SaveToDocumentsRequest? request, HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        var key = PatientKey.From(space);
        var attachment = await grains.GetGrain<IPatientInboxGrain>(key).GetAttachmentAsync(me, conversationId, seq, n);
        var draft = new DocumentDraft(
            string.IsNullOrWhiteSpace(request?.ClassCode) ? DocumentClassCodes.PatientDeposit : request.ClassCode,
            null,
            string.IsNullOrWhiteSpace(request?.Title) ? attachment.Title : request.Title,
            attachment.SentAt,
            attachment.MediaType,
            [],
            null,
            $"inbox:{conversationId}:{seq}:{n}");
        return TypedResults.Ok(await grains.GetGrain<IPatientDocumentsGrain>(key).DepositAsync(me, draft, attachment.Content));
    }

    private static async Task<Ok<T>> Run<T>(HttpContext http, IGrainFactory grains, Func<IPatientInboxGrain, Accessor, Task<T>> action)
    {
        var (space, me) = Caller.MySpace(http);
        return TypedResults.Ok(await action(grains.GetGrain<IPatientInboxGrain>(PatientKey.From(space)), me));
    }
}
