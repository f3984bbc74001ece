using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Agenda;

/// <summary>
/// The agenda brick over JSON (<c>/api/v1/me/agenda</c>: the person, or a minor's legal representative
/// with <c>X-Act-For</c>) and FHIR (<c>/fhir/Appointment</c>: apps with <c>agenda.write</c>, professionals).
/// </summary>
public static class AgendaEndpoints
{
    public const int DefaultLimit = 50;

    /// <summary>The agenda: the holder's JSON and FHIR Appointment.</summary>
    public static MesRoutes MapAgenda(this MesRoutes routes) => routes.Map(api => api.MapAgendaEndpoints(), fhir => fhir.MapFhirAgendaEndpoints());

    internal static RouteGroupBuilder MapAgendaEndpoints(this RouteGroupBuilder api)
    {
        var agenda = api.MapGroup("/me/agenda").WithTags("My agenda").RequireAuthorization(MesRoles.Patient);
        agenda.MapGet("/", ListAsync).WithName("GetMyAgenda")
            .WithSummary("Upcoming (default, with prevention reminders due within a year unless turned off) or past entries: when=upcoming|past, limit (1-1000, default 50), after (the cursor 'next' of the previous page). Cancelled entries are listed with their status.");
        agenda.MapGet("/{id}", (string id, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.GetEntryAsync(me, id)))
            .WithName("GetMyAgendaEntry").WithSummary("One entry of the agenda.");
        agenda.MapPost("/", CreateAsync).WithName("AddMyAgendaEntry")
            .WithSummary("Adds an appointment or hospitalisation (201); the same externalId again updates it (200). The space must be open.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        agenda.MapPut("/prevention", SetPreventionAsync).WithName("SetMyPreventionReminders")
            .WithSummary("Turns prevention reminders (vaccinations, cancer screenings, child examinations) off or on: {\"enabled\": false}.");
        agenda.MapGet("/prevention", (HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.GetPreventionAsync(me)))
            .WithName("GetMyPreventionSetting").WithSummary("Whether reminders are on, and the kinds and reminders refused.");
        agenda.MapPut("/prevention/refused/{code}", (string code, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.RefuseReminderAsync(me, code, refused: true)))
            .WithName("RefuseMyPreventionReminder").WithSummary("Refuses one reminder by its code (flu-2026, vaccines-25y): it is not shown again.");
        agenda.MapDelete("/prevention/refused/{code}", (string code, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.RefuseReminderAsync(me, code, refused: false)))
            .WithName("AcceptMyPreventionReminder").WithSummary("Takes back the refusal of one reminder.");
        agenda.MapPut("/prevention/refused-kinds/{kind}", (string kind, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.RefuseKindAsync(me, KindOf(kind), refused: true)))
            .WithName("RefuseMyPreventionKind").WithSummary("Refuses every reminder of a kind: vaccination, cancer-screening or child-examination.");
        agenda.MapDelete("/prevention/refused-kinds/{kind}", (string kind, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.RefuseKindAsync(me, KindOf(kind), refused: false)))
            .WithName("AcceptMyPreventionKind").WithSummary("Takes back the refusal of a kind of reminders.");
        agenda.MapPut("/{id}", (string id, AgendaRequest request, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.UpdateAsync(me, id, request.ToDraft(), null)))
            .WithName("UpdateMyAgendaEntry").WithSummary("Replaces an entry the person wrote (403 for one an app or professional sent).");
        agenda.MapDelete("/{id}", (string id, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.CancelAsync(me, id)))
            .WithName("CancelMyAgendaEntry").WithSummary("Cancels an entry the person wrote: it stays, with status cancelled.");
        return api;
    }

    internal static RouteGroupBuilder MapFhirAgendaEndpoints(this RouteGroupBuilder fhir) => AppointmentEndpoints.Map(fhir);

    private static async Task<Ok<AgendaPage>> ListAsync(HttpContext http, IGrainFactory grains, string? when = null, string? limit = null, string? after = null)
    {
        var side = when?.ToLowerInvariant() switch
        {
            null or "upcoming" => AgendaWhen.Upcoming,
            "past" => AgendaWhen.Past,
            _ => throw new InvalidInputException("when", "upcoming or past"),
        };
        var count = limit is null ? DefaultLimit
            : int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : throw new InvalidInputException("limit", "a whole number from 1 to 1000");
        return await Run(http, grains, (g, me) => g.GetAgendaAsync(me, side, count, after));
    }

    private static async Task<Results<Created<AgendaEntry>, Ok<AgendaEntry>>> CreateAsync(AgendaRequest request, HttpContext http, IGrainFactory grains)
    {
        var draft = request.ToDraft();
        var (space, me) = Caller.MySpace(http);
        var saved = await grains.GetGrain<IPatientAgendaGrain>(PatientKey.From(space)).SaveAsync(me, draft);
        return saved.Created
            ? TypedResults.Created($"/api/v1/me/agenda/{saved.Entry.Id}", saved.Entry)
            : TypedResults.Ok(saved.Entry);
    }

    private static Task<Ok<PreventionSetting>> SetPreventionAsync(PreventionRequest request, HttpContext http, IGrainFactory grains)
    {
        var enabled = request.Enabled ?? throw new InvalidInputException("enabled", "is required (true or false)");
        return Run(http, grains, (g, me) => g.SetPreventionAsync(me, enabled));
    }

    private static PreventionCategory KindOf(string kind) => kind switch
    {
        "vaccination" => PreventionCategory.Vaccination,
        "cancer-screening" => PreventionCategory.CancerScreening,
        "child-examination" => PreventionCategory.ChildExamination,
        _ => throw new ResourceNotFoundException("No kind of prevention reminder is named so: vaccination, cancer-screening or child-examination."),
    };

    private static async Task<Ok<T>> Run<T>(HttpContext http, IGrainFactory grains, Func<IPatientAgendaGrain, Accessor, Task<T>> action)
    {
        var (space, me) = Caller.MySpace(http);
        return TypedResults.Ok(await action(grains.GetGrain<IPatientAgendaGrain>(PatientKey.From(space)), me));
    }
}
