using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Profile;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Agenda;

/// <summary>Medical profile items as FHIR resources and JSON requests, for the profile tests.</summary>
public static class ProfileSamples
{
    public static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Immunization(Ins person, DateTimeOffset given, string system = ProfileCodeSystems.Atc, string code = "J07CA02", string[]? labels = null) => new()
    {
        ["resourceType"] = "Immunization",
        ["meta"] = labels is null ? null : new { security = labels.Select(l => new { system = "urn:oid:1.2.250.1.213.1.1.4.13", code = l }) },
        ["status"] = "completed",
        ["vaccineCode"] = new { coding = new[] { new { system, code, display = "DTCaP" } } },
        ["patient"] = new { reference = $"Patient/{person.Value}" },
        ["occurrenceDateTime"] = Day(given),
        ["lotNumber"] = "L123",
        ["protocolApplied"] = new[] { new { doseNumberPositiveInt = 1 } },
    };

    public static Dictionary<string, object?> Condition(Ins person) => new()
    {
        ["resourceType"] = "Condition",
        ["clinicalStatus"] = new { coding = new[] { new { system = "http://terminology.hl7.org/CodeSystem/condition-clinical", code = "active" } } },
        ["code"] = new { coding = new[] { new { system = ProfileCodeSystems.Cim10, code = "E11.9", display = "Diabète de type 2" } } },
        ["subject"] = new { reference = $"Patient/{person.Value}" },
        ["onsetDateTime"] = "2018-04",
    };

    public static Dictionary<string, object?> Allergy(Ins person) => new()
    {
        ["resourceType"] = "AllergyIntolerance",
        ["clinicalStatus"] = new { coding = new[] { new { system = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", code = "active" } } },
        ["code"] = new { coding = new[] { new { system = ProfileCodeSystems.Snomed, code = "764146007", display = "Penicillin" } } },
        ["patient"] = new { reference = $"Patient/{person.Value}" },
        ["reaction"] = new[] { new { manifestation = new[] { new { text = "urticaire" } } } },
    };

    public static Dictionary<string, object?> Medication(Ins person) => new()
    {
        ["resourceType"] = "MedicationStatement",
        ["status"] = "active",
        ["medicationCodeableConcept"] = new { coding = new[] { new { system = ProfileCodeSystems.Atc, code = "A10BA02", display = "metformine" } } },
        ["subject"] = new { reference = $"Patient/{person.Value}" },
        ["effectivePeriod"] = new { start = "2019-01-10" },
        ["dosage"] = new[] { new { text = "1 000 mg matin et soir" } },
    };

    public static Task<HttpResponseMessage> PostProfileFhirAsync(this HttpClient client, Dictionary<string, object?> resource) =>
        client.PostAsync($"/fhir/{resource["resourceType"]}", AgendaSamples.FhirContent(resource));

    public static async Task<MedicalProfileView> ProfileAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/me/profile");
        response.EnsureSuccessStatusCode();
        return await response.ReadAsAsync<MedicalProfileView>();
    }

    public static async Task<JsonElement> SearchEntriesAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        var body = await response.FhirBodyAsync();
        return body.TryGetProperty("entry", out var entries) ? entries : JsonDocument.Parse("[]").RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostItemAsync(this HttpClient client, object request) => client.PostAsJsonAsync("/api/v1/me/profile/items", request);
}
