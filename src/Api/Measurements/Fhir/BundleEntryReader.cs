using System.Runtime.InteropServices;
using System.Text.Json;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Devices;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Errors;
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

    /// <summary>
    /// Reads a Device entry: its first identifier names the device of the Observations that refer to it, and registers
    /// it for <paramref name="appId"/> (created once: <c>request.ifNoneExist</c>, if given, names that identifier). Its
    /// request, if given, is <c>POST Device</c>.
    /// </summary>
    public static DeviceEntry ReadDevice(JsonElement entry, JsonElement resource, string appId, IssueCollector entryIssues)
    {
        var condition = DeviceRequest(entry, entryIssues);
        if (FirelyResources.TryRead(JsonMarshal.GetRawUtf8Value(resource), entryIssues.Under("resource")) is not Device device)
        {
            return new DeviceEntry(null, Refused: true);
        }

        // A Device without identifier names no device and is not registered: its readings are keyed without one, which
        // stays stable when the Bundle is resent (its urn:uuid would not).
        if (!device.Identifier.Any(i => !string.IsNullOrEmpty(i.Value)))
        {
            if (condition is not null)
            {
                entryIssues.Add("resource.identifier", "a Device created on condition (ifNoneExist) is registered by its identifier: this one has none.", IssueType.Required);
            }

            return new DeviceEntry(null, Refused: condition is not null);
        }

        // Stamped with its registration time when the Bundle is accepted.
        var registration = DeviceMapping.ToRegistered(device, appId, DateTimeOffset.UnixEpoch, "resource");
        try
        {
            DeviceMapping.CheckCondition(condition, registration, "request.ifNoneExist");
        }
        catch (InvalidInputException e)
        {
            entryIssues.Add("request.ifNoneExist", e.Reason, IssueType.NotSupported);
            return new DeviceEntry(null, Refused: true);
        }
        catch (UnprocessableException e)
        {
            entryIssues.Add("request.ifNoneExist", e.Reason, IssueType.Invalid);
            return new DeviceEntry(null, Refused: true);
        }

        return new DeviceEntry(registration.IdentifierValue, Refused: false, registration);
    }

    /// <summary>The <c>ifNoneExist</c> of a Device entry's request, after checking the request creates a Device.</summary>
    private static string? DeviceRequest(JsonElement entry, IssueCollector entryIssues)
    {
        if (!entry.TryGetProperty("request"u8, out var request) || request.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (request.TryGetProperty("method"u8, out var method) && !FhirJsonPrimitives.IsString(method, "POST"u8))
        {
            entryIssues.Add("request.method", "a Device is created (POST): it is never updated.", IssueType.NotSupported);
        }

        if (request.TryGetProperty("url"u8, out var url) && !FhirJsonPrimitives.IsString(url, "Device"u8))
        {
            entryIssues.Add("request.url", "a Device is created at the url Device.", IssueType.Invalid);
        }

        if (!request.TryGetProperty("ifNoneExist"u8, out var condition))
        {
            return null;
        }

        if (condition.ValueKind != JsonValueKind.String)
        {
            entryIssues.Add("request.ifNoneExist", "ifNoneExist is a search string: identifier=system|value.", IssueType.Structure);
            return null;
        }

        return condition.GetString();
    }
}
