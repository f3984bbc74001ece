using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Errors;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

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
            if (BodyErrors.NotUnicode(json.Span) is { } notUnicode)
            {
                throw new InvalidInputException("Bundle", notUnicode);
            }

            return Read(document.RootElement, appId);
        }
    }

    public async ValueTask<MeasurementBundleResult> ReadAsync(Stream body, string appId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        return Read(await BodyBytes.ReadAsync(body, cancellationToken), appId);
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
                var read = BundleEntryReader.ReadDevice(entry, device.Resource, appId, issues);
                if (device.FullUrl is not null)
                {
                    devices.Add(device.FullUrl, read);
                }

                results[index] = issues.HasIssues
                    ? new(index, device.FullUrl, BundleEntryKind.Refused, null, issues.Issues)
                    : new(index, device.FullUrl, BundleEntryKind.Supporting, null, [], read.Registration);
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

/// <summary>What each entry of a transaction or batch Bundle of measurements came to, in entry order.</summary>
public sealed record MeasurementBundleResult(Bundle.BundleType Type, IReadOnlyList<BundleEntryResult> Entries)
{
    public IEnumerable<PatientReading> Readings => Entries.Where(e => e.Accepted is not null).Select(e => e.Accepted!);

    public bool HasRefusals => Entries.Any(e => e.Kind == BundleEntryKind.Refused);
}

/// <summary>What one entry of a measurement Bundle came to.</summary>
/// <param name="Index">Its position in <c>Bundle.entry</c>, from 0.</param>
/// <param name="FullUrl">Its <c>fullUrl</c>, when given.</param>
/// <param name="Kind">Reading, supporting resource or refused.</param>
/// <param name="Accepted">The reading and its patient when <paramref name="Kind"/> is <see cref="BundleEntryKind.Reading"/>.</param>
/// <param name="Issues">Why it was refused, with expressions starting <c>Bundle.entry[Index]</c>.</param>
/// <param name="Device">A supporting Device to register (one with an identifier).</param>
public sealed record BundleEntryResult(
    int Index,
    string? FullUrl,
    BundleEntryKind Kind,
    PatientReading? Accepted,
    IReadOnlyList<FhirIssue> Issues,
    Interfaces.Devices.RegisteredDevice? Device = null);

/// <summary>What a Bundle entry came to.</summary>
public enum BundleEntryKind
{
    /// <summary>An Observation accepted as a reading.</summary>
    Reading = 0,

    /// <summary>A resource that supports the readings (a Device they refer to): registered when it has an identifier.</summary>
    Supporting = 1,

    /// <summary>Refused; its issues say why.</summary>
    Refused = 2,
}

/// <summary>Limits of measurement Bundles (section <c>Measurements</c>).</summary>
public sealed class MeasurementBundleOptions
{
    public const string Section = "Measurements";

    /// <summary>The most entries one Bundle may hold; a larger one is refused as a whole (413).</summary>
    [Range(1, 100_000)]
    public int MaxEntries { get; set; } = 1000;

    /// <summary>
    /// The most people one Bundle may carry readings of: each person is a grain to activate and a consent to check,
    /// so a Bundle of 1,000 entries for 1,000 people would cost a thousand activations for one request (400 naming it).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPeople { get; set; } = 100;
}
