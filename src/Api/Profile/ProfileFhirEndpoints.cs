using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Api.Profile;

/// <summary>
/// <c>/fhir/Condition</c>, <c>/fhir/AllergyIntolerance</c>, <c>/fhir/MedicationStatement</c>, <c>/fhir/Immunization</c>: professionals,
/// apps under <c>profile.write:&lt;list&gt;</c> / <c>profile.read:&lt;list&gt;</c> and the holder create, read by id and search a
/// person's items by <c>patient</c>. The patient is named in the body to create, by <c>patient=</c> to read (the holder's own by default).
/// </summary>
internal static class ProfileFhirEndpoints
{
    /// <summary>An item is a few kilobytes; anything far larger is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const int DefaultCount = 100;

    /// <summary>The search parameters of each profile resource.</summary>
    public static readonly string[] Parameters = [.. FhirPatientParameter.Names, "_count", "_page"];

    public static RouteGroupBuilder Map(RouteGroupBuilder fhir)
    {
        foreach (var kind in Enum.GetValues<ProfileKind>())
        {
            var type = ProfileFields.ResourceOf(kind);
            fhir.MapPost("/" + type, (HttpContext http, IGrainFactory grains) => CreateAsync(kind, http, grains)).WithName($"Fhir{type}Create")
                .WithSummary($"Adds a {type} to the person's medical profile (201 with Location); the sender's identifier again is the same item (200: unchanged, or corrected with one version more). Codes: {string.Join(", ", ProfileCodeSystems.For(kind))}.")
                .Produces(StatusCodes.Status201Created, contentType: FhirRoutes.MediaType)
                .RequireAuthorization();
            fhir.MapGet("/" + type + "/{id}", (string id, HttpContext http, IGrainFactory grains) => ReadAsync(kind, id, http, grains)).WithName($"Fhir{type}Read")
                .WithSummary($"One {type} of the person named by patient= (the holder's own by default).")
                .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
                .RequireAuthorization();
            fhir.MapGet("/" + type, (HttpContext http, IGrainFactory grains) => SearchAsync(kind, http, grains)).WithName($"Fhir{type}Search")
                .WithSummary($"The person's {type} items, latest first: patient (INS), _count (1-1000), _page.")
                .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
                .RequireAuthorization();
        }

        return fhir;
    }

    private static async Task<FhirResult> CreateAsync(ProfileKind kind, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http);
        var issues = new IssueCollector(ProfileFields.ResourceOf(kind));
        var body = await Documents.RequestBody.ReadAsync(http, MaxBodyBytes, ProfileFields.ResourceOf(kind));
        if (ProfileFhirReader.Read(body, kind, issues) is not var (patient, draft))
        {
            return new FhirResult(FhirIssue.Outcome(issues.Issues, Errors.ErrorWriter.TraceId(http)), FhirIssue.StatusOf(issues.Issues));
        }

        var saved = await Profile(grains, patient).SaveAsync(caller.AsAccessor("fhir"), draft);
        return FhirResult.Saved(http, ProfileFhirMapping.ToFhir(patient, saved.Entry), saved.Created);
    }

    private static async Task<FhirResult> ReadAsync(ProfileKind kind, string id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http);
        var patient = FhirPatientParameter.Resolve(http.Request, caller);
        var entry = await Profile(grains, patient).GetAsync(caller.AsAccessor("fhir"), kind, id);
        return new FhirResult(ProfileFhirMapping.ToFhir(patient, entry));
    }

    private static async Task<FhirResult> SearchAsync(ProfileKind kind, HttpContext http, IGrainFactory grains)
    {
        SearchBundle.Check(http, Parameters);
        var caller = Caller.From(http);
        var request = http.Request;
        var patient = FhirPatientParameter.Resolve(request, caller);
        var count = SearchBundle.Number(request.Query["_count"], "_count", 1, 1000, DefaultCount);
        var skip = SearchBundle.Number(request.Query["_page"], "_page", 0, ProfileLimits.MaxItems, 0);
        var entries = await Profile(grains, patient).ListAsync(caller.AsAccessor("fhir"), kind);
        var next = skip + count < entries.Count ? (skip + count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        var bundle = SearchBundle.Start(http, Parameters, entries.Count, "_page", next);
        foreach (var entry in entries.Skip(skip).Take(count))
        {
            bundle.AddMatch(http, ProfileFhirMapping.ToFhir(patient, entry));
        }

        return new FhirResult(bundle);
    }

    private static IPatientMedicalProfileGrain Profile(IGrainFactory grains, Ins patient) => grains.GetGrain<IPatientMedicalProfileGrain>(PatientKey.From(patient));
}
