using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Devices;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Measurements;

/// <summary>
/// <c>POST /fhir/Observation</c> and <c>POST /fhir</c> (batch or transaction Bundle): apps push
/// measurements. A reading is acknowledged (201, or its entry's 201) only once committed to the
/// person's durable stream; refused entries say which field, and why. The 201 names the Observation's
/// <c>Location</c>: its id comes from the reading's key, so it is known before the reading is stored, and
/// <c>GET /fhir/Observation/{id}</c> finds it as soon as the person's grain has stored it.
/// </summary>
public static class ObservationEndpoints
{
    /// <summary>Bytes allowed per Bundle entry when capping the request body (an Observation is well under 1 KB).</summary>
    public const int BytesPerEntry = 4096;

    /// <summary>The largest single Observation a create reads (a larger body is a 413 naming the limit).</summary>
    public const int MaxObservationBytes = 64 * 1024;

    internal static RouteGroupBuilder MapFhirObservationIngestion(this RouteGroupBuilder fhir)
    {
        fhir.MapPost(FhirRoutes.Observation, CreateAsync).WithName("FhirObservationCreate")
            .WithSummary("An app pushes one measurement (ANS measurement profiles) for a person who consented.")
            .Produces(StatusCodes.Status201Created, contentType: FhirRoutes.MediaType)
            .RequireAuthorization(MesRoles.App);
        fhir.MapPost("/", BundleAsync).WithName("FhirBatchOrTransaction")
            .WithSummary("An app pushes a batch (valid entries kept) or transaction (all or nothing) Bundle of Observations, possibly with their Device.")
            .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
            .RequireAuthorization(MesRoles.App);
        return fhir;
    }

    private static async Task<FhirResult> CreateAsync(
        HttpContext context, ClaimsPrincipal user, ObservationReader reader, ReadingIngestion ingestion, TimeProvider clock, IGrainFactory grains)
    {
        var app = Caller.From(user).AsAccessor("fhir");
        Errors.TransportErrors.LimitBody(context, MaxObservationBytes);
        var read = await reader.ReadAsync(context.Request.Body, app.Id, context.RequestAborted);
        var issues = read.IsAccepted ? ReadingWindow.Check(read.Accepted.Reading, "Observation", clock.GetUtcNow()) : read.Issues;
        if (issues.Count > 0)
        {
            return new FhirResult(FhirIssue.Outcome(issues, TraceId(context)), FhirIssue.StatusOf(issues));
        }

        var (patient, reading) = (read.Accepted!.Patient, read.Accepted.Reading with { ReceivedAt = clock.GetUtcNow(), AppId = app.Id });
        // A conditional create finds the reading stored under the same identifier: the answer (200) once its consent and
        // its sameness are checked as for any create (a resend is committed again, and stored once).
        var match = IfNoneExist(context, reading)
            ? await grains.GetGrain<IMeasurementDirectoryGrain>(IMeasurementDirectoryGrain.Key).StoredAsync(patient.Value, reading)
            : null;
        var outcome = (await ingestion.IngestAsync(app, [(patient, reading)]))[0];
        return outcome == IngestOutcome.Accepted
            ? FhirResult.Saved(context, ObservationMapping.ToFhir(patient, match ?? reading), created: match is null, IngestionOutcomes.Stored(1))
            : new FhirResult(FhirIssue.Outcome([IngestionOutcomes.RefusalIssue("Observation", reading, outcome)!], TraceId(context)), IngestionOutcomes.StatusOf(outcome));
    }

    /// <summary>Whether the create is conditional; its condition must name the Observation's own identifier, which keys it.</summary>
    private static bool IfNoneExist(HttpContext context, Reading reading)
    {
        if (FhirConditions.IfNoneExist(context.Request) is not { } condition)
        {
            return false;
        }

        var (system, value) = FhirConditions.Identifier(condition, FhirConditions.Header);
        // The reading's key is id:system|value of its first identifier (ReadingKeys).
        var key = reading.ReadingKey;
        var same = system is not null
            ? key == $"id:{system}|{value}"
            : key.StartsWith("id:", StringComparison.Ordinal) && key.IndexOf('|', StringComparison.Ordinal) is var bar and >= 0 && key[(bar + 1)..] == value;
        return same
            ? true
            : throw new UnprocessableException(FhirConditions.Header, "names another identifier than the Observation's identifier[0]: a reading is found by the identifier it is sent under.");
    }

    private static async Task<FhirResult> BundleAsync(
        HttpContext context, ClaimsPrincipal user, MeasurementBundleReader reader, ReadingIngestion ingestion, TimeProvider clock, IOptions<MeasurementBundleOptions> options,
        IGrainFactory grains)
    {
        Errors.TransportErrors.LimitBody(context, (long)options.Value.MaxEntries * BytesPerEntry,
            $"a Bundle holds at most {options.Value.MaxEntries} entries, of about {BytesPerEntry} bytes each");

        var app = Caller.From(user).AsAccessor("fhir");
        var bundle = await reader.ReadAsync(context.Request.Body, app.Id, context.RequestAborted);
        if (bundle.Readings.Select(r => r.Patient).Distinct().Count() is var people && people > options.Value.MaxPeople)
        {
            throw new InvalidInputException("Bundle.entry",
                $"carries readings of {people} people: a Bundle carries those of at most {options.Value.MaxPeople} (setting {MeasurementBundleOptions.Section}:MaxPeople); send one Bundle per group of people");
        }

        var now = clock.GetUtcNow();
        var entries = bundle.Entries.Select(e => e.Accepted is not { } r ? e
            : ReadingWindow.Check(r.Reading, $"Bundle.entry[{e.Index}].resource", now) is { Count: > 0 } late ? e with { Kind = BundleEntryKind.Refused, Accepted = null, Issues = late }
            : e with { Accepted = r with { Reading = r.Reading with { ReceivedAt = now } } }).ToList();
        var transaction = bundle.Type == Bundle.BundleType.Transaction;
        if (transaction && entries.Any(e => e.Kind == BundleEntryKind.Refused))
        {
            var issues = entries.SelectMany(e => e.Issues).ToList();
            return new FhirResult(FhirIssue.Outcome(issues, TraceId(context)), FhirIssue.StatusOf(issues));
        }

        var readings = entries.Where(e => e.Accepted is not null).ToList();
        var outcomes = await ingestion.IngestAsync(app, readings.Select(e => (e.Accepted!.Patient, e.Accepted.Reading)).ToList(), allOrNothing: transaction);
        if (transaction && outcomes.Any(o => o != IngestOutcome.Accepted))
        {
            // All or nothing: a transaction with a reading that has no consent is a 403, else (an identifier reused) a 409.
            var refused = readings.Select((e, i) => IngestionOutcomes.RefusalIssue($"Bundle.entry[{e.Index}].resource", e.Accepted!.Reading, outcomes[i])).OfType<FhirIssue>();
            var status = outcomes.Any(o => o == IngestOutcome.NoConsent) ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
            return new FhirResult(FhirIssue.Outcome(refused, TraceId(context)), status);
        }

        // The Devices once the readings are committed, so that a refused transaction creates nothing; registering is
        // idempotent, so a client that resends after a failure here loses nothing.
        var devices = entries.Where(e => e.Device is not null).ToList();
        var registered = devices.Count == 0 ? []
            : await grains.GetGrain<IDeviceRegistryGrain>(IDeviceRegistryGrain.Key).RegisterAsync([.. devices.Select(e => e.Device! with { CreatedAt = now })]);
        var byEntry = readings.Select((e, i) => (e.Index, Outcome: outcomes[i])).ToDictionary(x => x.Index, x => x.Outcome);
        var byDevice = devices.Select((e, i) => (e.Index, Registration: registered[i])).ToDictionary(x => x.Index, x => x.Registration);
        return new FhirResult(IngestionOutcomes.Response(context, transaction, entries, byEntry, byDevice));
    }

    private static string TraceId(HttpContext context) => Errors.ErrorWriter.TraceId(context);
}
