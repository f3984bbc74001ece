using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// Reads one FHIR R4 Observation pushed by an app into the patient's INS and a <see cref="Interfaces.Measurements.Reading"/>
/// in canonical units, or into the issues that refuse it, each naming its field. Stateless and thread-safe.
/// </summary>
public sealed class ObservationReader
{
    private const string Root = "Observation";

    /// <summary>Reads an Observation from its JSON.</summary>
    /// <param name="json">The request body, UTF-8 JSON.</param>
    /// <param name="appId">The app that sent it (the token's subject).</param>
    public ObservationReadResult Read(ReadOnlyMemory<byte> json, string appId)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return NotReadable(BodyErrors.NotJson(e));
        }

        using (document)
        {
            if (BodyErrors.NotUnicode(json.Span) is { } notUnicode)
            {
                return NotReadable(notUnicode);
            }

            return ReadResource(document.RootElement, appId, new IssueCollector(Root), devices: null);
        }
    }

    /// <summary>Reads an Observation from a request body stream.</summary>
    public async ValueTask<ObservationReadResult> ReadAsync(Stream body, string appId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        return Read(await BodyBytes.ReadAsync(body, cancellationToken), appId);
    }

    /// <summary>Reads an Observation already parsed by Firely (or built in code).</summary>
    public ObservationReadResult Read(Observation observation, string appId)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        var issues = new IssueCollector(Root);
        return Conclude(ObservationRules.Evaluate(ObservationPocoFacts.From(observation), appId, issues, devices: null), issues);
    }

    /// <summary>Reads one Observation element; in a Bundle, <paramref name="devices"/> resolves references to Device entries.</summary>
    internal static ObservationReadResult ReadResource(JsonElement resource, string appId, IssueCollector issues, DeviceDirectory? devices)
    {
        if (resource.ValueKind != JsonValueKind.Object
            || !resource.TryGetProperty("resourceType"u8, out var type) || type.ValueKind != JsonValueKind.String)
        {
            issues.Add("", "expected a FHIR resource: a JSON object with a resourceType.", IssueType.Structure);
            return ObservationReadResult.Refuse(issues.Issues);
        }

        if (!type.ValueEquals("Observation"u8))
        {
            issues.Add("resourceType", $"expected an Observation, not a {type.GetString()}.", IssueType.NotSupported);
            return ObservationReadResult.Refuse(issues.Issues);
        }

        var facts = ObservationJsonScanner.TryScan(resource);
        if (facts is null)
        {
            if (FirelyResources.TryRead(JsonMarshal.GetRawUtf8Value(resource), issues) is not Observation observation)
            {
                return ObservationReadResult.Refuse(issues.Issues);
            }

            facts = ObservationPocoFacts.From(observation);
        }

        return Conclude(ObservationRules.Evaluate(facts, appId, issues, devices), issues);
    }

    private static ObservationReadResult Conclude(PatientReading? reading, IssueCollector issues) =>
        reading is not null && !issues.HasIssues ? ObservationReadResult.Accept(reading) : ObservationReadResult.Refuse(issues.Issues);

    private static ObservationReadResult NotReadable(string reason)
    {
        var issues = new IssueCollector(Root);
        issues.Add("", reason, IssueType.Structure);
        return ObservationReadResult.Refuse(issues.Issues);
    }
}

/// <summary>What one Observation came to: an accepted reading, or the issues that refuse it.</summary>
public sealed class ObservationReadResult
{
    private ObservationReadResult(PatientReading? accepted, IReadOnlyList<FhirIssue> issues)
    {
        Accepted = accepted;
        Issues = issues;
    }

    /// <summary>The reading and its patient; null when refused.</summary>
    public PatientReading? Accepted { get; }

    /// <summary>Why it was refused; empty when accepted.</summary>
    public IReadOnlyList<FhirIssue> Issues { get; }

    [MemberNotNullWhen(true, nameof(Accepted))]
    public bool IsAccepted => Accepted is not null;

    internal static ObservationReadResult Accept(PatientReading reading) => new(reading, []);

    internal static ObservationReadResult Refuse(IReadOnlyList<FhirIssue> issues) =>
        issues.Count == 0
            ? throw new ArgumentException("A refusal says why.", nameof(issues))
            : new(null, issues);
}

/// <summary>An accepted measurement and the patient whose space it goes to.</summary>
public sealed record PatientReading(Ins Patient, Reading Reading);

/// <summary>The Device entries of a Bundle by fullUrl, so that Observations referring to one get its identifier.</summary>
internal sealed class DeviceDirectory
{
    private readonly Dictionary<string, DeviceEntry> byFullUrl = new(StringComparer.Ordinal);

    public void Add(string fullUrl, DeviceEntry entry) => byFullUrl[fullUrl] = entry;

    public bool TryResolve(string reference, out DeviceEntry entry) =>
        byFullUrl.TryGetValue(reference, out entry!);
}

/// <summary>A Device entry: its first identifier value (null when it has none), or refused; its registration when it has an identifier.</summary>
internal sealed record DeviceEntry(string? Identifier, bool Refused, Interfaces.Devices.RegisteredDevice? Registration = null);
