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
/// <c>/api/v1/notices</c>: the outbox for the mailing service. Export pending notices (NDJSON or CSV,
/// paged by id; <c>X-Next-After</c> gives the next page), then mark them sent (idempotent).
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
            text.Append("id,kind,channel,email,postal_address,wave_id,created_at,deadline\n");
        }

        foreach (var notice in page)
        {
            text.Append(csv ? NoticeCsv.Row(notice) : JsonSerializer.Serialize(notice, JsonOptions) + "\n");
        }

        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}

/// <summary>Notices handed over to the mailing service.</summary>
public sealed record MarkSentRequest(IReadOnlyList<long>? Ids);
