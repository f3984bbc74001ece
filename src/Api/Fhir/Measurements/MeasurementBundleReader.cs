using System.Text.Json;
using Microsoft.Extensions.Options;
using MonEspaceSante.Interfaces.Errors;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>
/// Reads a transaction or batch Bundle of measurements: per entry, an accepted reading, a supporting
/// Device, or the issues that refuse it (expressions starting <c>Bundle.entry[i]</c>). A Bundle that is
/// not one at all throws <see cref="InvalidInputException"/> (400); one with too many entries throws
/// <see cref="BundleTooLargeException"/> (413). Stateless and thread-safe.
/// </summary>
public sealed class MeasurementBundleReader(IOptions<MeasurementBundleOptions> options)
{
    public MeasurementBundleResult Read(ReadOnlyMemory<byte> json, string appId)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("Bundle", BodyErrors.NotJson(e));
        }

        using (document)
        {
            return Read(document.RootElement, appId);
        }
    }

    public async ValueTask<MeasurementBundleResult> ReadAsync(Stream body, string appId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("Bundle", BodyErrors.NotJson(e));
        }

        using (document)
        {
            return Read(document.RootElement, appId);
        }
    }

    private MeasurementBundleResult Read(JsonElement root, string appId)
    {
        var (type, entries) = BundleEnvelope.Check(root, options.Value.MaxEntries);
        var results = new BundleEntryResult?[entries.GetArrayLength()];

        // Devices first, so that an Observation may refer to a Device entry placed after it.
        var devices = new DeviceDirectory();
        var index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var issues = new IssueCollector($"Bundle.entry[{index}]");
            if (BundleEntryReader.Open(entry, issues) is { ResourceType: "Device" } device)
            {
                var read = BundleEntryReader.ReadDevice(device.Resource, issues.Under("resource"));
                if (device.FullUrl is not null)
                {
                    devices.Add(device.FullUrl, read);
                }

                results[index] = issues.HasIssues
                    ? new(index, device.FullUrl, BundleEntryKind.Refused, null, issues.Issues)
                    : new(index, device.FullUrl, BundleEntryKind.Supporting, null, []);
            }

            index++;
        }

        index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            results[index] ??= ReadObservation(index, entry, appId, devices);
            index++;
        }

        return new MeasurementBundleResult(type, Array.ConvertAll(results, result => result!));
    }

    private static BundleEntryResult ReadObservation(int index, JsonElement entry, string appId, DeviceDirectory devices)
    {
        var issues = new IssueCollector($"Bundle.entry[{index}]");
        if (BundleEntryReader.Open(entry, issues) is not { } opened)
        {
            return new(index, null, BundleEntryKind.Refused, null, issues.Issues);
        }

        if (opened.ResourceType is not "Observation")
        {
            var what = opened.ResourceType is null ? "an entry's resource is a FHIR resource with a resourceType" : $"a {opened.ResourceType} is not a measurement";
            issues.Add("resource.resourceType", what + ": entries are Observations, and the Devices they refer to.", IssueType.NotSupported);
            return new(index, opened.FullUrl, BundleEntryKind.Refused, null, issues.Issues);
        }

        BundleEntryReader.CheckRequest(entry, issues);
        var result = ObservationReader.ReadResource(opened.Resource, appId, issues.Under("resource"), devices);
        return result.IsAccepted && !issues.HasIssues
            ? new(index, opened.FullUrl, BundleEntryKind.Reading, result.Accepted, [])
            : new(index, opened.FullUrl, BundleEntryKind.Refused, null, issues.Issues);
    }
}
