using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Devices;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Devices;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Measurements;

/// <summary>
/// <c>GET /fhir/Observation?…</c>: one person's measurements by pages, newest first unless <c>_sort=date</c>, and
/// <c>GET /fhir/Observation/{id}</c>: one of them. The grain decides who may read what and records reads by others.
/// The national measurement API's queries work as sent: <c>subject.identifier=…&amp;code=…&amp;date=ge…&amp;date=le…
/// &amp;_count=…&amp;_offset=…</c>, and the last value with <c>_sort=-date&amp;_count=1</c>.
/// </summary>
public static class ObservationSearchEndpoints
{
    /// <summary>Readings per page when <c>_count</c> is not given, and the most a page holds (the national API's figures).</summary>
    public const int DefaultCount = 50, MaxCount = 100;

    internal static RouteGroupBuilder MapFhirObservationSearch(this RouteGroupBuilder fhir)
    {
        fhir.MapGet(FhirRoutes.Observation, SearchAsync).WithName("FhirObservationSearch")
            .WithSummary("Searches one person's measurements: patient or subject.identifier (the holder's own by default), code (LOINC, comma-separated), "
                + "date (eq/ge/gt/le/lt, repeatable), _sort (date or -date), _count (1-100, 50 by default), _offset, _summary=count, _total=none, _page (the next link's cursor).")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        fhir.MapGet(FhirRoutes.Observation + "/{id}", ReadAsync).WithName("FhirObservationRead")
            .WithSummary("One measurement by id, under the rules of a search of its type: a reading just accepted is found once stored.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        fhir.MapGet(FhirRoutes.Observation + "/{id}/_history/{version}", VersionAsync).WithName("FhirObservationVersionRead")
            .WithSummary("A version of a measurement (the Location of its create): a reading never changes, so its only version is 1.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        return fhir;
    }

    /// <summary>The search parameters of Observation.</summary>
    public static readonly IReadOnlyList<string> Parameters = [.. FhirPatientParameter.Names, "code", "date", "_sort", "_count", "_offset", "_summary", "_total", "_page", "_include"];

    private static async Task<FhirResult> ReadAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var owner = await grains.GetGrain<IMeasurementDirectoryGrain>(IMeasurementDirectoryGrain.Key).FindOwnerAsync(id)
            ?? throw new ResourceNotFoundException($"No Observation {id} (a reading just accepted is found once stored, within moments).");
        var holder = Ins.Parse(owner);
        var reading = await grains.GetGrain<IPatientMeasurementsGrain>(PatientKey.From(holder)).ReadAsync(Caller.From(http).AsAccessor("fhir"), id);
        return new FhirResult(ObservationMapping.ToFhir(holder, reading));
    }

    private static Task<FhirResult> VersionAsync(string id, string version, HttpContext http, IGrainFactory grains) =>
        version == ObservationMapping.Version
            ? ReadAsync(id, http, grains)
            : throw new ResourceNotFoundException($"Observation {id} has no version {version}: a reading is never changed, its only version is {ObservationMapping.Version}.");

    private static async Task<FhirResult> SearchAsync(HttpContext http, IGrainFactory grains)
    {
        SearchBundle.Check(http, Parameters);
        var request = http.Request;
        var caller = Caller.From(http);
        var query = request.Query;
        var ins = caller.IsPatient && !FhirPatientParameter.Names.Any(name => query[name].Count > 0)
            ? caller.PatientIns
            : FhirPatientParameter.Resolve(request, caller);
        var types = ParseCodes(query["code"]);
        var (from, to) = ParseDates(query["date"]);
        var count = SearchBundle.Number(query["_count"], "_count", 1, MaxCount, DefaultCount);
        var includeDevices = query["_include"].Count switch
        {
            0 => false,
            1 when query["_include"][0] == "Observation:device" => true,
            _ => throw new InvalidInputException("_include", "this search includes Observation:device only"),
        };
        var options = new ReadingSearchOptions(
            Ascending: query["_sort"].FirstOrDefault() switch
            {
                null or "-date" => false,
                "date" => true,
                var other => throw new InvalidInputException("_sort", $"'{other}' is not a sort of this search: date (oldest first) or -date (newest first)"),
            },
            Offset: SearchBundle.Number(query["_offset"], "_offset", 0, ReadingSearchOptions.MaxOffset, 0),
            // Counting every match costs as much as reading them all (a year of CGM is 100,000 rows): only on request. Without
            // _total, a search that fits in its first page still says its total, which costs nothing.
            CountTotal: query["_total"].FirstOrDefault() switch
            {
                "accurate" or "estimate" => true,
                null or "none" => false,
                var other => throw new InvalidInputException("_total", $"'{other}' is not one of none, estimate, accurate"),
            },
            CountOnly: query["_summary"].FirstOrDefault() switch
            {
                null or "false" => false,
                "count" => true,
                var other => throw new InvalidInputException("_summary", $"'{other}' is not served here: count, or false"),
            });

        var page = await grains.GetGrain<IPatientMeasurementsGrain>(PatientKey.From(ins))
            .SearchAsync(caller.AsAccessor("fhir"), types, from, to, count, query["_page"].FirstOrDefault(), options);
        var total = page.Total is { } found && query["_total"].FirstOrDefault() != "none" ? (int)Math.Min(found, int.MaxValue) : (int?)null;

        // The next page resumes from a cursor, which costs nothing however deep: an _offset is not carried on.
        var bundle = SearchBundle.Start(http, Parameters, total, "_page", page.Next, dropOnNext: "_offset");
        foreach (var reading in page.Readings)
        {
            bundle.AddMatch(http, ObservationMapping.ToFhir(ins, reading));
        }

        if (includeDevices)
        {
            // The Devices the page's readings name, once each; a device its app never registered is not there to include.
            var ids = page.Readings.Select(ObservationMapping.DeviceId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var devices = ids.Count == 0 ? [] : await grains.GetGrain<IDeviceRegistryGrain>(IDeviceRegistryGrain.Key).GetAsync(ids);
            foreach (var device in devices)
            {
                bundle.AddInclude(http, DeviceMapping.ToFhir(device));
            }
        }

        return new FhirResult(bundle);
    }

    private static List<MeasureType> ParseCodes(Microsoft.Extensions.Primitives.StringValues values)
    {
        var types = new List<MeasureType>();
        foreach (var token in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var code = token.Contains('|', StringComparison.Ordinal) ? token[(token.IndexOf('|', StringComparison.Ordinal) + 1)..] : token;
            if (MeasureCatalogue.TryFindCode(code, out var known))
            {
                types.Add(known.Type);
            }
            else if (code is MeasureCatalogue.SystolicPressure or MeasureCatalogue.DiastolicPressure)
            {
                types.Add(MeasureType.BloodPressure);
            }
            else
            {
                throw new InvalidInputException("code", $"not a measurement code of this server (known: {MeasureCatalogue.KnownCodes})");
            }
        }

        return types.Distinct().ToList();
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) ParseDates(Microsoft.Extensions.Primitives.StringValues values)
    {
        DateTimeOffset? from = null, to = null;
        foreach (var value in values)
        {
            var text = value ?? "";
            var prefixed = text.Length > 2 && char.IsLetter(text[0]);
            var (prefix, date) = prefixed ? (text[..2], text[2..]) : ("eq", text);
            if (!FhirDateTimeText.TryParse(date, out var at, out _))
            {
                throw new InvalidInputException("date", "a FHIR date or dateTime, optionally prefixed eq, ge, gt, le or lt");
            }

            var dayOnly = date.Length == 10;
            switch (prefix)
            {
                case "ge":
                    from = at;
                    break;
                case "gt":
                    from = dayOnly ? at.AddDays(1) : at.AddTicks(10);
                    break;
                case "lt":
                    to = at;
                    break;
                case "le":
                    to = dayOnly ? at.AddDays(1) : at.AddTicks(10);
                    break;
                case "eq":
                    (from, to) = (at, dayOnly ? at.AddDays(1) : at.AddTicks(10));
                    break;
                default:
                    throw new InvalidInputException("date", $"prefix '{prefix}' is not supported (eq, ge, gt, le, lt)");
            }
        }

        return (from, to);
    }
}
