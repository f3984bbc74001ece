using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using MonEspaceSante.Api.Measurements.Fhir;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// The slow path: Firely's deserializer, with its validation of every element, for resources the fast
/// path is not sure of. Its errors become issues whose expressions name the JSON element
/// (<c>valueQuantity.value</c>, not Firely's <c>value.value</c>) under the collector's root.
/// </summary>
internal static class FirelyResources
{
    // Default settings: unknown elements and codes outside their value set are errors, and the POCO
    // validator checks literals and cardinality as it reads.
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    /// <summary>The resource, or null after adding the issues that make it unreadable.</summary>
    public static Resource? TryRead(ReadOnlySpan<byte> json, IssueCollector issues)
    {
        var reader = new Utf8JsonReader(json);
        Resource? resource;
        IEnumerable<CodedException> errors;
        try
        {
            if (Deserializer.TryDeserializeResource(ref reader, out resource, out errors))
            {
                return resource;
            }
        }
        catch (CodedException e)
        {
            // Firely's validator met a shape it refuses while reading (a list where one value is expected): its message says which.
            issues.Add("", "the resource is not FHIR JSON: " + e.Message, IssueType.Structure);
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Shapes Firely does not expect at all (an array where a resource should be): no partial result to point into.
            issues.Add("", "the resource is not FHIR JSON: " + e.GetType().Name + ".", IssueType.Structure);
            return null;
        }

        var refused = false;
        foreach (var error in errors)
        {
            var extended = error as ExtendedCodedException;
            if (extended?.IssueSeverity is OperationOutcome.IssueSeverity.Warning or OperationOutcome.IssueSeverity.Information)
            {
                continue;
            }

            refused = true;
            var typeName = resource?.TypeName ?? "Resource";
            var message = (extended?.BaseErrorMessage ?? error.Message).Replace("$this", typeName, StringComparison.Ordinal);
            issues.AddAt(Expression(extended?.InstancePath, resource, issues.Root), message, extended?.IssueType ?? IssueType.Structure);
        }

        return refused ? null : resource;
    }

    /// <summary>Firely's instance path (<c>Observation.component[1].value.value</c>) rebased on <paramref name="root"/>, with choice elements named as in JSON.</summary>
    internal static string Expression(string? instancePath, Resource? resource, string root)
    {
        var dot = instancePath?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot < 0)
        {
            return root;
        }

        var segments = instancePath![(dot + 1)..].Split('.');
        if (resource is Observation observation)
        {
            NameChoices(segments, observation);
        }

        var path = new StringBuilder(root);
        foreach (var segment in segments)
        {
            path.Append('.').Append(segment);
        }

        return path.ToString();
    }

    private static void NameChoices(string[] segments, Observation observation)
    {
        segments[0] = segments[0] switch
        {
            "value" => Choice("value", () => observation.Value),
            "effective" => Choice("effective", () => observation.Effective),
            _ => segments[0],
        };

        if (segments.Length > 1 && segments[1] == "value" && segments[0].StartsWith("component[", StringComparison.Ordinal)
            && int.TryParse(segments[0].AsSpan(10, segments[0].Length - 11), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < observation.Component.Count)
        {
            segments[1] = Choice("value", () => observation.Component[index].Value);
        }
    }

    /// <summary>The JSON name of a choice element; a getter that throws (Firely read a list where one value goes) names it <c>[x]</c>.</summary>
    private static string Choice(string element, Func<DataType?> read)
    {
        try
        {
            return read() is { } value ? ObservationPocoFacts.ChoiceName(element, value) : element + "[x]";
        }
        catch (CodedException)
        {
            return element + "[x]";
        }
    }
}
