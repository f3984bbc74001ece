using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Interfaces.Enrollment;

namespace MonEspaceSante.Api.Notices;

/// <summary>
/// <c>/api/v1/notices</c>: the outbox for the mailing service. Export pending letters (every pending notice when the
/// dispatcher is off; NDJSON or CSV, paged by id; <c>X-Next-After</c> gives the next page), then mark them sent
/// (idempotent); and the operators' view of what the dispatcher could not deliver.
/// </summary>
public static class NoticeEndpoints
{
    /// <summary>The outbox for the mailing service.</summary>
    public static MesRoutes MapNotices(this MesRoutes routes) => routes.Map(api => api.MapNoticeEndpoints());

    internal static RouteGroupBuilder MapNoticeEndpoints(this RouteGroupBuilder api)
    {
        var notices = api.MapGroup("/notices").WithTags("Notices").RequireAuthorization(OperatorScopes.Notices);
        notices.MapGet("/", ExportAsync).WithName("ExportNotices")
            .WithSummary("Pending notices, oldest first: ?after=<id>&limit=<n>&format=ndjson|csv. No health data, no INS.");
        notices.MapPost("/sent", (MarkSentRequest request, IGrainFactory grains) =>
                grains.GetGrain<INoticesGrain>(0).MarkSentAsync(request.Ids ?? []))
            .WithName("MarkNoticesSent").WithSummary("Marks notices as handed to the mailing service; marking twice changes nothing.");
        notices.MapGet("/undelivered", (IGrainFactory grains, long? after, int? limit) => grains.GetGrain<INoticesGrain>(0).GetUndeliveredAsync(after ?? 0, limit ?? 100))
            .WithName("GetUndeliveredNotices")
            .WithSummary("Notices the dispatcher failed to deliver, given up (failedAt) or due again (nextAttemptAt), with the last error and a masked recipient: ?after=<id>&limit=<n>.");
        notices.MapPost("/{id:long}/retry", RetryAsync).WithName("RetryNotice")
            .WithSummary("Makes a given-up notice due again, its attempts counted from zero (204); 404 when that notice is not given up.");
        return api;
    }

    private static async Task ExportAsync(HttpContext context, IGrainFactory grains, long? after, int? limit, string? format)
    {
        var csv = format?.Equals("csv", StringComparison.OrdinalIgnoreCase)
            ?? context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);
        var page = await grains.GetGrain<INoticesGrain>(0).GetPendingAsync(after ?? 0, limit ?? 1000);
        context.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        context.Response.Headers["X-Next-After"] = (page.Count > 0 ? page[^1].Id : after ?? 0).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        if (csv)
        {
            text.Append("id,kind,channel,email,postal_address,wave_id,created_at,deadline,recipient_name\n");
        }

        foreach (var notice in page)
        {
            text.Append(csv ? NoticeCsv.Row(notice) : JsonSerializer.Serialize(notice, JsonOptions) + "\n");
        }

        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    private static async Task<IResult> RetryAsync(long id, IGrainFactory grains) =>
        await grains.GetGrain<INoticesGrain>(0).RetryAsync(id)
            ? Results.NoContent()
            : throw new MonEspaceSante.Interfaces.Errors.ResourceNotFoundException($"No given-up notice {id}: it was delivered, is still being tried, or does not exist.");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}

/// <summary>Notices handed over to the mailing service.</summary>
public sealed record MarkSentRequest(IReadOnlyList<long>? Ids);
