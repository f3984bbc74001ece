using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Identity;
using Bundle = Hl7.Fhir.Model.Bundle;
using Communication = Hl7.Fhir.Model.Communication;
using FhirString = Hl7.Fhir.Model.FhirString;
using Resource = Hl7.Fhir.Model.Resource;

namespace MonEspaceSante.Tests.Inbox;

/// <summary>FHIR Communications as professionals' software sends them, and reading the server's FHIR answers.</summary>
internal static class Communications
{
    public static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    public static Dictionary<string, object?> Start(Ins person, string subject, string text, params object[] attachments)
    {
        var communication = Base(person, text, attachments);
        communication["topic"] = new { text = subject };
        return communication;
    }

    public static Dictionary<string, object?> Reply(Ins person, string messageId, string text, params object[] attachments)
    {
        var communication = Base(person, text, attachments);
        communication["inResponseTo"] = new[] { new { reference = $"Communication/{messageId}" } };
        return communication;
    }

    public static object Attachment(string contentType, string title, byte[] data) =>
        new { contentType, title, data = Convert.ToBase64String(data) };

    public static object Pdf(string title) => Attachment("application/pdf", title, PdfBytes);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, object communication) =>
        PostRawAsync(client, JsonSerializer.Serialize(communication));

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string json) =>
        client.PostAsync("/fhir/Communication", new StringContent(json, Encoding.UTF8, "application/fhir+json"));

    public static async Task<T> ReadFhirAsync<T>(this HttpResponseMessage response)
        where T : Resource =>
        JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(), FhirJson.Options)!;

    public static async Task<Bundle> SearchAsync(HttpClient client, Ins person)
    {
        var response = await client.GetAsync($"/fhir/Communication?patient={person.Value}");
        response.EnsureSuccessStatusCode();
        return await response.ReadFhirAsync<Bundle>();
    }

    public static string Text(this Communication communication) =>
        string.Join("\n\n", communication.Payload.Select(p => p.Content).OfType<FhirString>().Select(s => s.Value));

    public static Task<HttpResponseMessage> ReplyAsJsonAsync(HttpClient client, string conversationId, object body) =>
        client.PostAsJsonAsync($"/api/v1/me/inbox/{conversationId}/messages", body);

    private static Dictionary<string, object?> Base(Ins person, string text, object[] attachments)
    {
        var payload = new List<object>();
        if (text.Length > 0)
        {
            payload.Add(new { contentString = text });
        }

        payload.AddRange(attachments.Select(a => new { contentAttachment = a }));
        var communication = new Dictionary<string, object?>
        {
            ["resourceType"] = "Communication",
            ["status"] = "completed",
            ["subject"] = new { identifier = new { system = IdentifierSystems.InsNir, value = person.Value } },
        };
        if (payload.Count > 0)
        {
            communication["payload"] = payload;
        }

        return communication;
    }
}
