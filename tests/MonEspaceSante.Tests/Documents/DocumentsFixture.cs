using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Documents;

/// <summary>The application on PostgreSQL with helpers to deposit, upload and search documents.</summary>
public sealed class DocumentsFixture : HealthSpaceFixture
{
    public const string Physician = "10000000001";

    /// <summary>A professional deposits <paramref name="reference"/> over FHIR; returns the document id.</summary>
    public async Task<string> DepositAsync(JsonNode reference, HttpClient? professional = null)
    {
        using var response = await (professional ?? App.ProfessionalClient(Physician)).PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(reference));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await FhirAsync(response))["id"]!.GetValue<string>();
    }

    /// <summary>The holder (or <paramref name="client"/>) uploads a file from a multipart form.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string mediaType, string fileName = "scan.pdf", params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return client.PostAsync("/api/v1/me/documents", form);
    }

    /// <summary>The holder's search over JSON (or <paramref name="client"/>'s).</summary>
    public static async Task<DocumentPage> MyDocumentsAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync($"/api/v1/me/documents{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsAsync<DocumentPage>();
    }

    /// <summary>A FHIR search answered 200: its total and the ids of its entries.</summary>
    public static async Task<(int Total, IReadOnlyList<string> Ids)> FhirSearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/fhir/DocumentReference?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bundle = await FhirAsync(response);
        var entries = bundle["entry"]?.AsArray() ?? [];
        return (bundle["total"]!.GetValue<int>(), [.. entries.Select(e => e!["resource"]!["id"]!.GetValue<string>())]);
    }

    public static async Task<JsonObject> FhirAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>What the person's space holds, to prove a refused request changed nothing: visible index entries, located documents, content rows.</summary>
    public async Task<(int Indexed, long Located)> HoldingsAsync(Ins person) =>
        ((await MyDocumentsAsync(App.PatientClient(person))).Total,
         await CountAsync("SELECT count(*) FROM mes_document_locator WHERE ins = @ins", ("ins", person.Value)));

    public Task<long> ContentRowsAsync(byte[] content) =>
        CountAsync("SELECT count(*) FROM mes_document_content WHERE sha256 = @sha", ("sha", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))));
}
