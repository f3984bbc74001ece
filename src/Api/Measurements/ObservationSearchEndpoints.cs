using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Measurements;

/// <summary>
/// <c>GET /fhir/Observation?patient=&amp;code=&amp;date=&amp;_count=&amp;_page=</c>: a person's measurements,
/// newest first, by pages. The grain decides who may read what and records reads by others.
/// </summary>
public static class ObservationSearchEndpoints
{
    public const int DefaultCount = 50;

    internal static RouteGroupBuilder MapFhirObservationSearch(this RouteGroupBuilder fhir)
    {
        fhir.MapGet(FhirRoutes.Observation, SearchAsync).WithName("FhirObservationSearch")
            .WithSummary("Searches one person's measurements: patient (INS or Patient/INS; the holder's own by default), code (LOINC, comma-separated), date (ge/gt/le/lt, repeatable), _count (1-1000), _page.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        return fhir;
    }

    /// <summary>The search parameters of Observation.</summary>
    private static readonly string[] Parameters = [.. FhirPatientParameter.Names, "code", "date", "_count", "_page"];

    private static async Task<FhirResult> SearchAsync(HttpContext http, IGrainFactory grains)
    {
        SearchBundle.Check(http, Parameters);
        var request = http.Request;
        var caller = Caller.From(http);
        var query = request.Query;
        var ins = caller.IsPatient && query["patient"].Count == 0 && query["subject"].Count == 0 ? caller.PatientIns : FhirPatientParameter.Resolve(request, caller);
        var types = ParseCodes(query["code"]);
        var (from, to) = ParseDates(query["date"]);
        var count = query["_count"].FirstOrDefault() is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new InvalidInputException("_count", "a whole number from 1 to 1000")
            : DefaultCount;

        var page = await grains.GetGrain<IPatientMeasurementsGrain>(PatientKey.From(ins))
            .SearchAsync(caller.AsAccessor("fhir"), types, from, to, count, query["_page"].FirstOrDefault());
        var bundle = SearchBundle.Start(http, Parameters, (int)Math.Min(page.Total, int.MaxValue), "_page", page.Next);
        foreach (var reading in page.Readings)
        {
            bundle.AddMatch(http, ObservationMapping.ToFhir(ins, reading));
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
            var prefix = text.Length > 2 && char.IsLetter(text[0]) ? text[..2] : "eq";
            var date = prefix == "eq" ? text : text[2..];
            if (!FhirDateTimeText.TryParse(date, out var at, out _))
            {
                throw new InvalidInputException("date", "a FHIR date or dateTime, optionally prefixed ge, gt, le or lt");
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
                    throw new InvalidInputException("date", $"prefix '{prefix}' is not supported (ge, gt, le, lt)");
            }
        }

        return (from, to);
    }
}
