using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Devices;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Devices;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Measurements;

/// <summary>The FHIR answers of measurement ingestion: outcomes and batch/transaction responses.</summary>
public static class IngestionOutcomes
{
    private const string VersionTag = "W/\"" + ObservationMapping.Version + "\"";

    public static FhirIssue NoConsentIssue(string path, Reading reading) => new(
        path, $"no live consent of this person lets this app write {Scopes.WriteMeasurements(reading.Type)}: nothing was stored",
        OperationOutcome.IssueType.Forbidden);

    public static FhirIssue ReusedIssue(string path) => new(
        path + ".identifier", "this app sent this identifier before for another measurement (another code, time or value): an identifier names one reading; nothing was stored",
        OperationOutcome.IssueType.Duplicate);

    /// <summary>Why a reading that passed its checks was not taken, as one issue; null when it was taken.</summary>
    public static FhirIssue? RefusalIssue(string path, Reading reading, IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Accepted => null,
        IngestOutcome.IdentifierReused => ReusedIssue(path),
        _ => NoConsentIssue(path, reading),
    };

    /// <summary>The HTTP status of a refused reading: 409 for a reused identifier, 403 without consent.</summary>
    public static int StatusOf(IngestOutcome outcome) =>
        outcome == IngestOutcome.IdentifierReused ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden;

    private static string StatusLineOf(IngestOutcome outcome) => outcome == IngestOutcome.IdentifierReused ? "409 Conflict" : "403 Forbidden";

    public static OperationOutcome Stored(int readings) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Diagnostics = $"{readings} reading(s) accepted: committed, stored once even if sent again",
            },
        ],
    };

    /// <summary>One response entry per request entry, in order: 201 for a reading taken, 200 for a supporting Device, 400/422/403/409 with the outcome otherwise.</summary>
    public static Bundle Response(
        HttpContext http, bool transaction, IReadOnlyList<BundleEntryResult> entries, IReadOnlyDictionary<int, IngestOutcome> outcomes,
        IReadOnlyDictionary<int, DeviceRegistration> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var response = new Bundle { Type = transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse };
        var observations = FhirBase.Url(http, "Observation/");
        foreach (var entry in entries)
        {
            var (status, outcome) = entry.Kind switch
            {
                BundleEntryKind.Supporting when devices.TryGetValue(entry.Index, out var device) => (device.Created ? "201 Created" : "200 OK", null),
                BundleEntryKind.Supporting => ("200 OK", null),
                BundleEntryKind.Reading when outcomes[entry.Index] == IngestOutcome.Accepted => ("201 Created", null),
                BundleEntryKind.Reading => (StatusLineOf(outcomes[entry.Index]),
                    FhirIssue.Outcome([RefusalIssue($"Bundle.entry[{entry.Index}].resource", entry.Accepted!.Reading, outcomes[entry.Index])!])),
                _ => (FhirIssue.StatusLineOf(entry.Issues), FhirIssue.Outcome(entry.Issues)),
            };
            var answer = new Bundle.ResponseComponent { Status = status, Outcome = outcome };
            if (devices.TryGetValue(entry.Index, out var registered))
            {
                answer.Location = FhirBase.Url(http, $"Device/{registered.Device.Id}/_history/{DeviceMapping.Version}");
                answer.Etag = VersionTag;
                answer.LastModified = registered.Device.CreatedAt;
            }
            else if (status == "201 Created")
            {
                // Where the reading will be read, version included, as a single create's Location says (built as text:
                // a transaction of 100 readings writes 100 of them).
                var (patient, reading) = (entry.Accepted!.Patient, entry.Accepted.Reading);
                answer.Location = string.Concat(observations, reading.ObservationId(patient.Value), "/_history/", ObservationMapping.Version);
                answer.Etag = VersionTag;
                answer.LastModified = entry.Accepted.Reading.ReceivedAt;
            }

            response.Entry.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Response = answer });
        }

        return response;
    }
}
