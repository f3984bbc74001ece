using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Agenda;

/// <summary>
/// <c>/fhir/Appointment</c>: apps (scope <c>agenda.write</c>) and professionals create entries (a re-POST
/// with the same <c>identifier</c> updates), update them by id, and professionals search a person's agenda.
/// The patient is named in the body (participant) or, to read, by <c>patient=</c>; the grain decides who may.
/// </summary>
internal static class AppointmentEndpoints
{
    public const string Route = "/Appointment";

    /// <summary>An Appointment is a few kilobytes; anything far larger is not one.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const int DefaultCount = 100;

    public static RouteGroupBuilder Map(RouteGroupBuilder fhir)
    {
        fhir.MapPost(Route, CreateAsync).WithName("FhirAppointmentCreate")
            .WithSummary("Creates an appointment (201), or updates the one this sender created with the same identifier (200); status cancelled cancels it. Kind: serviceCategory v3-ActCode AMB or IMP.")
            .Produces(StatusCodes.Status201Created, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        fhir.MapPut(Route + "/{id}", UpdateAsync).WithName("FhirAppointmentUpdate")
            .WithSummary("Replaces an appointment this sender created (403 for another sender's, 404 for an unknown id).")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        fhir.MapGet(Route, SearchAsync).WithName("FhirAppointmentSearch")
            .WithSummary("A person's appointments, soonest first, cancelled ones included: patient (INS), date (start; ge/gt/le/lt, repeatable), _count (1-1000), _page.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        fhir.MapGet(Route + "/{id}", ReadAsync).WithName("FhirAppointmentRead")
            .WithSummary("One appointment of the person named by patient= (the holder's own by default).")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization();
        return fhir;
    }

    private static async Task<FhirResult> CreateAsync(HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http);
        var (patient, draft, _) = AppointmentReader.Read(await BodyAsync(http));
        var agenda = Agenda(grains, patient);
        var saved = IfNoneExist(http, draft)
            ? await agenda.SaveIfNoneExistAsync(caller.AsAccessor("fhir"), draft)
            : await agenda.SaveAsync(caller.AsAccessor("fhir"), draft);
        return FhirResult.Saved(http, AppointmentMapping.ToFhir(patient, saved.Entry), saved.Created);
    }

    /// <summary>Whether the create is conditional; its condition must name the appointment's own identifier (identifier[0]).</summary>
    private static bool IfNoneExist(HttpContext http, AgendaDraft draft)
    {
        if (FhirConditions.IfNoneExist(http.Request) is not { } condition)
        {
            return false;
        }

        var (system, value) = FhirConditions.Identifier(condition, FhirConditions.Header);
        return value == draft.ExternalId && (system is null || system == (draft.ExternalSystem ?? ""))
            ? true
            : throw new UnprocessableException(FhirConditions.Header, "names another identifier than the appointment's identifier[0]: the condition finds an entry by the identifier it is sent under.");
    }

    private static async Task<FhirResult> UpdateAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http);
        var (patient, draft, bodyId) = AppointmentReader.Read(await BodyAsync(http));
        if (bodyId is not null && bodyId != id)
        {
            throw new InvalidInputException("Appointment.id", "differs from the id in the URL");
        }

        var entry = await Agenda(grains, patient).UpdateAsync(caller.AsAccessor("fhir"), id, draft, FhirVersions.IfMatch(http.Request));
        return new FhirResult(AppointmentMapping.ToFhir(patient, entry));
    }

    private static async Task<FhirResult> ReadAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http);
        var patient = FhirPatientParameter.Resolve(http.Request, caller);
        var entry = await Agenda(grains, patient).GetEntryAsync(caller.AsAccessor("fhir"), id);
        return new FhirResult(AppointmentMapping.ToFhir(patient, entry));
    }

    /// <summary>The search parameters of Appointment.</summary>
    private static readonly string[] Parameters = [.. FhirPatientParameter.Names, "date", "_count", "_page"];

    private static async Task<FhirResult> SearchAsync(HttpContext http, IGrainFactory grains)
    {
        SearchBundle.Check(http, Parameters);
        var caller = Caller.From(http);
        var request = http.Request;
        var patient = FhirPatientParameter.Resolve(request, caller);
        var (from, to) = AppointmentDates.Parse(request.Query["date"]);
        var count = SearchBundle.Number(request.Query["_count"], "_count", 1, 1000, DefaultCount);

        var page = await Agenda(grains, patient).SearchAsync(caller.AsAccessor("fhir"), from, to, count, request.Query["_page"].FirstOrDefault());
        var bundle = SearchBundle.Start(http, Parameters, null, "_page", page.Next);
        foreach (var entry in page.Entries)
        {
            bundle.AddMatch(http, AppointmentMapping.ToFhir(patient, entry));
        }

        return new FhirResult(bundle);
    }

    private static IPatientAgendaGrain Agenda(IGrainFactory grains, Ins patient) => grains.GetGrain<IPatientAgendaGrain>(PatientKey.From(patient));

    private static Task<byte[]> BodyAsync(HttpContext http) => Documents.RequestBody.ReadAsync(http, MaxBodyBytes, "Appointment");
}
