using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Measurements;

/// <summary>The FHIR answers of measurement ingestion: outcomes and batch/transaction responses.</summary>
public static class IngestionOutcomes
{
    public static FhirIssue NoConsentIssue(string path, Reading reading) => new(
        path, $"no live consent of this person lets this app write {Scopes.WriteMeasurements(reading.Type)}: nothing was stored",
        OperationOutcome.IssueType.Forbidden);

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

    /// <summary>One response entry per request entry, in order: 201 for a reading taken, 200 for a supporting Device, 400/403 with the outcome otherwise.</summary>
    public static Bundle Response(HttpContext http, bool transaction, IReadOnlyList<BundleEntryResult> entries, IReadOnlyDictionary<int, IngestOutcome> outcomes)
    {
        var response = new Bundle { Type = transaction ? Bundle.BundleType.TransactionResponse : Bundle.BundleType.BatchResponse };
        foreach (var entry in entries)
        {
            var (status, outcome) = entry.Kind switch
            {
                BundleEntryKind.Supporting => ("200 OK", null),
                BundleEntryKind.Reading when outcomes[entry.Index] == IngestOutcome.Accepted => ("201 Created", null),
                BundleEntryKind.Reading => ("403 Forbidden", FhirIssue.Outcome([NoConsentIssue($"Bundle.entry[{entry.Index}].resource", entry.Accepted!.Reading)])),
                _ => ("400 Bad Request", FhirIssue.Outcome(entry.Issues)),
            };
            var answer = new Bundle.ResponseComponent { Status = status, Outcome = outcome };
            if (status == "201 Created")
            {
                // Where the reading will be read, version included, as a single create's Location says.
                var observation = ObservationMapping.ToFhir(entry.Accepted!.Patient, entry.Accepted.Reading);
                answer.Location = FhirBase.Url(http, $"Observation/{observation.Id}/_history/{ObservationMapping.Version}");
                answer.Etag = $"W/\"{ObservationMapping.Version}\"";
                answer.LastModified = entry.Accepted.Reading.ReceivedAt;
            }

            response.Entry.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Response = answer });
        }

        return response;
    }
}
