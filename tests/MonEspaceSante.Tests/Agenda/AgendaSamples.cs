using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Agenda;

/// <summary>FHIR Appointments and agenda calls as the tests send them.</summary>
internal static class AgendaSamples
{
    public const string BookingSystem = "urn:test:booking";

    private static readonly JsonSerializerOptions Fhir = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    /// <summary>A FHIR Appointment for <paramref name="patient"/> with the sender's identifier <paramref name="externalId"/>.</summary>
    public static Dictionary<string, object?> Appointment(
        Ins patient, string externalId, DateTimeOffset start, DateTimeOffset? end = null, string status = "booked", string title = "Cardiology consultation",
        string kind = "AMB", string? rpps = null, string? practitioner = null, string? location = null) => new()
        {
            ["resourceType"] = "Appointment",
            ["identifier"] = new[] { new { system = BookingSystem, value = externalId } },
            ["status"] = status,
            ["serviceCategory"] = new[] { new { coding = new[] { new { system = "http://terminology.hl7.org/CodeSystem/v3-ActCode", code = kind } } } },
            ["description"] = title,
            ["start"] = Instant(start),
            ["end"] = end is null ? null : Instant(end.Value),
            ["participant"] = new object?[]
            {
                new { actor = new { reference = $"Patient/{patient.Value}" }, status = "accepted" },
                rpps is null && practitioner is null ? null
                    : new { actor = new { type = "Practitioner", identifier = rpps is null ? null : new { system = IdentifierSystems.Rpps, value = rpps }, display = practitioner }, status = "accepted" },
                location is null ? null : new { actor = new { type = "Location", display = location }, status = "accepted" },
            }.Where(p => p is not null).ToArray(),
        };

    /// <summary>The resource as FHIR JSON: null members (and null entries of a dictionary) are left out, as FHIR requires.</summary>
    public static StringContent FhirContent(object resource) => new(
        JsonSerializer.Serialize(resource is Dictionary<string, object?> members ? members.Where(m => m.Value is not null).ToDictionary() : resource, Fhir),
        MediaTypeHeaderValue.Parse("application/fhir+json"));

    public static Task<HttpResponseMessage> PostFhirAsync(this HttpClient client, object resource) =>
        client.PostAsync("/fhir/Appointment", FhirContent(resource));

    public static Task<HttpResponseMessage> PutFhirAsync(this HttpClient client, string id, object resource) =>
        client.PutAsync($"/fhir/Appointment/{id}", FhirContent(resource));

    public static async Task<JsonElement> FhirBodyAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The agenda as the holder (or whoever <paramref name="client"/> is) sees it.</summary>
    public static async Task<AgendaPage> AgendaAsync(this HttpClient client, string when = "upcoming")
    {
        var response = await client.GetAsync($"/api/v1/me/agenda?when={when}");
        response.EnsureSuccessStatusCode();
        return await response.ReadAsAsync<AgendaPage>();
    }

    public static Task<HttpResponseMessage> PostAgendaAsync(this HttpClient client, object request) =>
        client.PostAsJsonAsync("/api/v1/me/agenda", request);
}
