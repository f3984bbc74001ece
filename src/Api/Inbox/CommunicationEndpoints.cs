using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Inbox;

/// <summary>
/// <c>/fhir/Communication</c>: professionals start and continue conversations and search their own; the grain decides
/// who may do what and records access by others.
/// </summary>
internal static class CommunicationEndpoints
{
    public const string Route = "/Communication";

    public const int DefaultCount = 50;

    public static RouteGroupBuilder Map(RouteGroupBuilder fhir)
    {
        fhir.MapPost(Route, CreateAsync).WithName("FhirCommunicationCreate")
            .WithSummary("A professional sends a message to a person (subject: INS): a new conversation (topic.text), or, with inResponseTo Communication/<id>, "
                + "the continuation of one they started. 201 (200 when the same identifier was already sent).")
            .Produces(StatusCodes.Status201Created, contentType: FhirRoutes.MediaType)
            .WithMetadata(new RequestSizeLimitAttribute(InboxLimits.MaxRequestBytes))
            .RequireAuthorization();
        fhir.MapGet(Route, SearchAsync).WithName("FhirCommunicationSearch")
            .WithSummary("Messages of one person (patient=INS): a professional's own conversations only; all of them for the person. _count (1-200), _page.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        fhir.MapGet(Route + "/{id}", ReadAsync).WithName("FhirCommunicationRead")
            .WithSummary("One message of a person (patient=INS; the holder's own by default): a professional reads only those of the conversations they started. Marks nothing read.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        fhir.MapGet(Route + "/{id}/attachments/{n:int}", DownloadAsync).WithName("FhirCommunicationAttachment")
            .WithSummary("The bytes of attachment n (from 0) of a message (patient=INS required), as its own media type.")
            .RequireAuthorization().AllowRawContent();
        return fhir;
    }

    private static async Task<FhirResult> CreateAsync(HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http);
        if (caller.IsPatient)
        {
            throw new AccessDeniedException(
                "Only health professionals post a Communication: the person replies within a conversation with POST /api/v1/me/inbox/{conversationId}/messages.");
        }

        var (request, issues) = await CommunicationReader.ReadAsync(http.Request, http.RequestAborted);
        if (request is null)
        {
            return new FhirResult(FhirIssue.Outcome(issues, Errors.ErrorWriter.TraceId(http)), StatusCodes.Status400BadRequest);
        }

        var inbox = grains.GetGrain<IPatientInboxGrain>(PatientKey.From(request.Patient));
        var accessor = caller.AsAccessor("fhir");
        var posted = request.ConversationId is null
            ? await inbox.StartConversationAsync(accessor, request.Subject!, request.Message)
            : await inbox.PostMessageAsync(accessor, request.ConversationId, request.Message);
        return FhirResult.Saved(http, CommunicationMapping.ToFhir(request.Patient, posted.Conversation, posted.Message), posted.Created);
    }

    private static async Task<FhirResult> ReadAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http);
        var ins = FhirPatientParameter.Resolve(http.Request, caller);
        var (conversationId, seq) = MessageId(id);
        var found = await grains.GetGrain<IPatientInboxGrain>(PatientKey.From(ins)).GetMessageAsync(caller.AsAccessor("fhir"), conversationId, seq);
        return new FhirResult(CommunicationMapping.ToFhir(ins, found.Conversation, found.Messages[0]));
    }

    private static (string ConversationId, int Seq) MessageId(string id) => InboxIds.TryParseMessage(id, out var conversationId, out var seq)
        ? (conversationId, seq)
        : throw new ResourceNotFoundException($"No message Communication/{id} in this inbox.");

    /// <summary>The search parameters of Communication.</summary>
    private static readonly string[] Parameters = [.. FhirPatientParameter.Names, "_count", "_page"];

    private static async Task<FhirResult> SearchAsync(HttpContext http, IGrainFactory grains)
    {
        SearchBundle.Check(http, Parameters);
        var caller = Caller.From(http);
        var request = http.Request;
        var ins = FhirPatientParameter.Resolve(request, caller);
        var count = SearchBundle.Number(request.Query["_count"], "_count", 1, InboxLimits.MaxPageSize, DefaultCount);
        var page = SearchBundle.Number(request.Query["_page"], "_page", 1, int.MaxValue / InboxLimits.MaxPageSize, 1);
        var found = await grains.GetGrain<IPatientInboxGrain>(PatientKey.From(ins)).SearchMessagesAsync(caller.AsAccessor("fhir"), (page - 1) * count, count);
        var bundle = SearchBundle.Start(http, Parameters, found.Total, "_page", (long)page * count < found.Total ? (page + 1).ToString(CultureInfo.InvariantCulture) : null);
        var conversations = found.Conversations.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var message in found.Messages)
        {
            bundle.AddMatch(http, CommunicationMapping.ToFhir(ins, conversations[message.ConversationId], message));
        }

        return new FhirResult(bundle);
    }

    private static async Task<IResult> DownloadAsync(string id, int n, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http);
        var ins = FhirPatientParameter.Resolve(http.Request, caller);
        var (conversationId, seq) = MessageId(id);
        var attachment = await grains.GetGrain<IPatientInboxGrain>(PatientKey.From(ins)).GetAttachmentAsync(caller.AsAccessor("fhir"), conversationId, seq, n);
        return TypedResults.File(attachment.Content, attachment.MediaType, attachment.Title);
    }
}
