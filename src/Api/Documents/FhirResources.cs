using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// Reads one FHIR resource of an expected type with Firely's strict deserializer; the first error becomes an
/// <see cref="InvalidInputException"/> naming the element (<c>DocumentReference.content[0].attachment.data</c>).
/// </summary>
internal static class FhirResources
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    public static T Read<T>(byte[] json, string root)
        where T : Resource
    {
        var reader = new Utf8JsonReader(json);
        Resource? resource;
        IEnumerable<CodedException> errors;
        try
        {
            Deserializer.TryDeserializeResource(ref reader, out resource, out errors);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(root, BodyErrors.NotJson(e));
        }
        catch (CodedException e)
        {
            // Firely's validator met a shape it refuses while reading (a list where one value is expected).
            throw new InvalidInputException(root, "the body is not a FHIR JSON resource: " + e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // Shapes Firely does not expect at all (an array where a resource should be).
            throw new InvalidInputException(root, "the body is not a FHIR JSON resource");
        }

        var error = errors.FirstOrDefault(e => e is not ExtendedCodedException
            { IssueSeverity: OperationOutcome.IssueSeverity.Warning or OperationOutcome.IssueSeverity.Information });
        if (error is not null)
        {
            var extended = error as ExtendedCodedException;
            var message = (extended?.BaseErrorMessage ?? error.Message).Replace("$this", resource?.TypeName ?? root, StringComparison.Ordinal);
            throw new InvalidInputException(FirelyResources.Expression(extended?.InstancePath, resource, root), message);
        }

        return resource as T ?? throw new InvalidInputException($"{root}.resourceType", $"expected a {root}, not a {resource?.TypeName ?? "body without resourceType"}");
    }
}
