using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MonEspaceSante.Tests.Documents;

/// <summary>Contents (distinct per call unless told) and FHIR DocumentReference bodies for the document tests.</summary>
public static class DocumentSamples
{
    public const string InsSystem = "urn:oid:1.2.250.1.213.1.4.8";

    public static byte[] Pdf(string? tag = null) => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {tag ?? Guid.NewGuid().ToString()}\n1 0 obj << >> endobj\n%%EOF\n");

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()];

    /// <summary>The start of a Windows executable: "MZ", then NUL bytes.</summary>
    public static byte[] Executable() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. Guid.NewGuid().ToByteArray()];

    /// <summary>A DocumentReference to deposit in <paramref name="ins"/>'s space, with its content inline unless <paramref name="binaryId"/>.</summary>
    public static JsonObject Reference(
        string ins,
        byte[]? content = null,
        string classCode = "10",
        string? typeCode = "11488-4",
        string title = "Compte rendu de consultation",
        string? serviceDate = "2025-12-01",
        string contentType = "application/pdf",
        string[]? labels = null,
        string? replaces = null,
        string? masterIdentifier = null,
        string? binaryId = null)
    {
        var attachment = new JsonObject { ["contentType"] = contentType, ["title"] = title };
        if (binaryId is null)
        {
            attachment["data"] = Convert.ToBase64String(content ?? Pdf());
        }
        else
        {
            attachment["url"] = $"Binary/{binaryId}";
        }

        var reference = new JsonObject
        {
            ["resourceType"] = "DocumentReference",
            ["status"] = "current",
            ["category"] = new JsonArray(new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "https://mos.esante.gouv.fr/NOS/TRE_A03-ClasseDocument/FHIR/TRE-A03-ClasseDocument", ["code"] = classCode }),
            }),
            ["subject"] = new JsonObject { ["identifier"] = new JsonObject { ["system"] = InsSystem, ["value"] = ins } },
            ["content"] = new JsonArray(new JsonObject { ["attachment"] = attachment }),
        };
        if (typeCode is not null)
        {
            reference["type"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = typeCode }) };
        }

        if (serviceDate is not null)
        {
            reference["context"] = new JsonObject { ["period"] = new JsonObject { ["start"] = serviceDate } };
        }

        if (labels is { Length: > 0 })
        {
            reference["securityLabel"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "urn:oid:1.2.250.1.213.1.1.4.13", ["code"] = l }),
            })]);
        }

        if (replaces is not null)
        {
            reference["relatesTo"] = new JsonArray(new JsonObject
            {
                ["code"] = "replaces",
                ["target"] = new JsonObject { ["reference"] = $"DocumentReference/{replaces}" },
            });
        }

        if (masterIdentifier is not null)
        {
            reference["masterIdentifier"] = new JsonObject { ["system"] = "urn:ietf:rfc:3986", ["value"] = masterIdentifier };
        }

        return reference;
    }

    public static StringContent Fhir(JsonNode resource) => Fhir(resource.ToJsonString());

    public static StringContent Fhir(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    /// <summary>The <c>expression</c> of an OperationOutcome's first issue.</summary>
    public static async Task<string?> OutcomeExpressionAsync(HttpResponseMessage response)
    {
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        outcome.RootElement.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        var issue = outcome.RootElement.GetProperty("issue")[0];
        return issue.TryGetProperty("expression", out var expression) ? expression[0].GetString() : null;
    }

    /// <summary>The fields named by a problem details answer (<c>errors</c>).</summary>
    public static async Task<IReadOnlyList<string>> ProblemFieldsAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
    }
}
