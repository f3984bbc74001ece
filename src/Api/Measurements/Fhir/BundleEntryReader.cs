using System.Runtime.InteropServices;
using System.Text.Json;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>One entry of a measurement Bundle: an Observation to POST, or a Device its Observations refer to.</summary>
internal static class BundleEntryReader
{
    /// <summary>The entry's parts; null after adding the issues that refuse it.</summary>
    public static (string? FullUrl, JsonElement Resource, string? ResourceType)? Open(JsonElement entry, IssueCollector entryIssues)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            entryIssues.Add("", "an entry is a JSON object with fullUrl, resource and request.", IssueType.Structure);
            return null;
        }

        string? fullUrl = null;
        if (entry.TryGetProperty("fullUrl"u8, out var url) && !FhirJsonPrimitives.TryToken(url, out fullUrl))
        {
            entryIssues.Add("fullUrl", "fullUrl must be a URI (urn:uuid:... for a resource created by the Bundle).", IssueType.Structure);
        }

        if (!entry.TryGetProperty("resource"u8, out var resource))
        {
            entryIssues.Add("resource", "the entry has no resource.", IssueType.Required);
            return null;
        }

        var type = resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("resourceType"u8, out var name)
            && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        return (fullUrl, resource, type);
    }

    /// <summary>Checks that the entry asks to create an Observation (POST Observation), as a measurement always does.</summary>
    public static void CheckRequest(JsonElement entry, IssueCollector entryIssues)
    {
        if (!entry.TryGetProperty("request"u8, out var request) || request.ValueKind != JsonValueKind.Object)
        {
            entryIssues.Add("request", "a transaction or batch entry needs its request: method POST, url Observation.", IssueType.Required);
            return;
        }

        if (!request.TryGetProperty("method"u8, out var method) || !FhirJsonPrimitives.IsString(method, "POST"u8))
        {
            entryIssues.Add("request.method", "a reading is created: the method is POST.", IssueType.NotSupported);
        }

        if (!request.TryGetProperty("url"u8, out var url) || !FhirJsonPrimitives.IsString(url, "Observation"u8))
        {
            entryIssues.Add("request.url", "a reading is created at the url Observation.", IssueType.Invalid);
        }
    }

    /// <summary>Reads a Device entry: supporting when readable, its first identifier naming the device of the Observations that refer to it.</summary>
    public static DeviceEntry ReadDevice(JsonElement resource, IssueCollector resourceIssues)
    {
        if (FirelyResources.TryRead(JsonMarshal.GetRawUtf8Value(resource), resourceIssues) is not Device device)
        {
            return new DeviceEntry(null, Refused: true);
        }

        // A Device without identifier names no device: its readings are keyed without one, which stays
        // stable when the Bundle is resent (its urn:uuid would not).
        return new DeviceEntry(device.Identifier.FirstOrDefault()?.Value, Refused: false);
    }
}
