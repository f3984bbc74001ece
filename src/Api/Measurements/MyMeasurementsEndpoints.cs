using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Measurements;

/// <summary><c>/api/v1/me/measurements</c>: the holder's measurements, ready for charts, and their live feed.</summary>
public static class MyMeasurementsEndpoints
{
    /// <summary>Measurements: apps push FHIR Observations and search them; the holder reads latest values, series and the live feed.</summary>
    public static MesRoutes MapMeasurements(this MesRoutes routes) => routes.Map(api => api.MapMyMeasurementsEndpoints(), fhir => fhir.MapFhirObservationIngestion().MapFhirObservationSearch());

    internal static RouteGroupBuilder MapMyMeasurementsEndpoints(this RouteGroupBuilder api)
    {
        var measurements = api.MapGroup("/me/measurements").WithTags("My measurements").RequireAuthorization(MesRoles.Patient);
        measurements.MapGet("/latest", (HttpContext http, IGrainFactory grains) =>
            {
                var (facet, me) = Facet(http, grains);
                return facet.GetLatestAsync(me);
            })
            .WithName("GetMyLatestMeasurements").WithSummary("The latest value of each measure type.");
        measurements.MapGet("/live", LiveFeed.StreamAsync).WithName("GetMyLiveMeasurements")
            .WithSummary("Server-Sent Events: a 'ready' event, then a 'measurements' event for each batch of new readings (with glucose alerts).");
        measurements.MapGet("/{type}", SeriesAsync).WithName("GetMyMeasurementSeries")
            .WithSummary("A series of one type (body-weight, blood-pressure, glucose...) over [from, to): raw, or min/max/mean/count per hour or day.");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<SeriesPoint>>> SeriesAsync(
        string type, DateTimeOffset? from, DateTimeOffset? to, string? aggregation, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        if (!Scopes.TryParseType(type, out var measure))
        {
            throw new InvalidInputException("type", $"unknown measure type (one of: {string.Join(", ", Enum.GetValues<MeasureType>().Select(Scopes.NameOf))})");
        }

        var mode = aggregation?.ToLowerInvariant() switch
        {
            null or "raw" => SeriesAggregation.Raw,
            "hour" => SeriesAggregation.Hour,
            "day" => SeriesAggregation.Day,
            _ => throw new InvalidInputException("aggregation", "raw, hour or day"),
        };
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        var (facet, me) = Facet(http, grains);
        return TypedResults.Ok(await facet.GetSeriesAsync(me, measure, start, end, mode));
    }

    /// <summary>The holder's facet, or a minor's for a legal representative (X-Act-For).</summary>
    private static (IPatientMeasurementsGrain Facet, Interfaces.Access.Accessor Me) Facet(HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        return (grains.GetGrain<IPatientMeasurementsGrain>(PatientKey.From(space)), me);
    }
}
