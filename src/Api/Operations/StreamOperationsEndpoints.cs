using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Operations;

namespace MonEspaceSante.Api.Operations;

/// <summary><c>/api/v1/operations/streams</c>: queue depth and dead letters of the durable streams (operators).</summary>
public static class StreamOperationsEndpoints
{
    /// <summary>The durable streams' report and dead letters, for operators.</summary>
    public static MesRoutes MapStreamOperations(this MesRoutes routes) => routes.Map(api => api.MapStreamOperationEndpoints());

    internal static RouteGroupBuilder MapStreamOperationEndpoints(this RouteGroupBuilder api)
    {
        var streams = api.MapGroup("/operations/streams").WithTags("Operations").RequireAuthorization(OperatorScopes.Streams);

        streams.MapGet("/", (IGrainFactory grains) => Grain(grains).GetReportAsync())
            .WithName("GetStreamQueues")
            .WithSummary("Rows waiting and leased per partition, age of the oldest, number of dead letters.");
        streams.MapGet("/dead-letters", (IGrainFactory grains, int? limit, long? before) => Grain(grains).GetDeadLettersAsync(limit ?? 50, before))
            .WithName("GetStreamDeadLetters")
            .WithSummary("Event batches that could not be delivered, newest first; page with ?before=<id>.");
        streams.MapPost("/dead-letters/{id:long}/requeue", RequeueAsync)
            .WithName("RequeueStreamDeadLetter")
            .WithSummary("Puts a dead letter back at the end of its partition, for another delivery.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<NoContent> RequeueAsync(long id, IGrainFactory grains)
    {
        if (!await Grain(grains).RequeueAsync(id))
        {
            throw new ResourceNotFoundException($"No dead letter {id}.");
        }

        return TypedResults.NoContent();
    }

    private static IStreamOperationsGrain Grain(IGrainFactory grains) => grains.GetGrain<IStreamOperationsGrain>(0);
}
