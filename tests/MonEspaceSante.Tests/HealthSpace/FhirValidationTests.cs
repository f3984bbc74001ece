using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using MonEspaceSante.Tests.Agenda;
using MonEspaceSante.Tests.Infrastructure;
using MonEspaceSante.Tests.Measurements;
using Task = System.Threading.Tasks.Task;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>
/// Every kind of resource the server emits, fetched over HTTP from a real space and validated against base R4 with
/// Firely's validator (the core StructureDefinitions of the specification package, local terminology): zero errors.
/// </summary>
[Collection(HealthSpaceCollection.Name)]
public sealed class FhirValidationTests(HealthSpaceFixture fixture)
{
    private static readonly Lazy<Validator> R4 = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    [Fact]
    public async Task Every_resource_the_server_emits_is_valid_r4()
    {
        var space = await MatrixSpace.CreateAsync(fixture, refuseBreakGlass: false);
        var person = space.Person.Value;
        var holder = fixture.App.PatientClient(space.Person);
        var app = fixture.App.ClientFor("app", MatrixSpace.WithScope);
        var device = await app.PostAsync("/fhir/Device", Samples.Content(new JsonObject
        {
            ["resourceType"] = "Device",
            ["identifier"] = new JsonArray(Samples.Identifier("urn:oid:1.2.250.1.213.1.4.10", "SN-" + person)),
            ["manufacturer"] = "Balances SA",
        }));
        var doctor = fixture.App.ProfessionalClient(MatrixSpace.Doctor);
        foreach (var item in new[] { ProfileSamples.Condition(space.Person), ProfileSamples.Allergy(space.Person), ProfileSamples.Medication(space.Person) })
        {
            (await doctor.PostProfileFhirAsync(item)).EnsureSuccessStatusCode();
        }

        (await holder.PutAsJsonAsync("/api/v1/me/profile/declarations", new { advanceDirectives = "Pas d'acharnement <thérapeutique>", organDonation = "Consents", trustedPerson = new { name = "Marie Martin" } }))
            .EnsureSuccessStatusCode();
        var emitted = new List<(string What, string Json)>
        {
            ("Immunization read", await holder.GetStringAsync($"/fhir/Immunization/{space.ImmunizationId}")),
            ("Immunization search", await holder.GetStringAsync($"/fhir/Immunization?patient={person}")),
            ("Condition search", await holder.GetStringAsync($"/fhir/Condition?patient={person}")),
            ("AllergyIntolerance search", await holder.GetStringAsync($"/fhir/AllergyIntolerance?patient={person}")),
            ("MedicationStatement search", await holder.GetStringAsync($"/fhir/MedicationStatement?patient={person}")),
            ("Device create", await device.Content.ReadAsStringAsync()),
            ("Device read", await app.GetStringAsync(device.Headers.Location!.AbsolutePath.Replace("/_history/1", "", StringComparison.Ordinal))),
            ("Observation search with devices", await holder.GetStringAsync($"/fhir/Observation?patient={person}&_include=Observation:device")),
            ("CapabilityStatement", await fixture.App.CreateClient().GetStringAsync("/fhir/metadata")),
            ("Patient", await holder.GetStringAsync($"/fhir/Patient/{person}")),
            ("Observation read", await holder.GetStringAsync($"/fhir/Observation/{space.ObservationId}")),
            ("Observation search", await holder.GetStringAsync($"/fhir/Observation?patient={person}&_count=1")),
            ("Observation count", await holder.GetStringAsync($"/fhir/Observation?patient={person}&_summary=count")),
            ("DocumentReference read", await holder.GetStringAsync($"/fhir/DocumentReference/{space.DocumentId}")),
            ("DocumentReference search", await holder.GetStringAsync($"/fhir/DocumentReference?patient={person}")),
            ("Appointment read", await holder.GetStringAsync($"/fhir/Appointment/{space.AppointmentId}?patient={person}")),
            ("Appointment search", await holder.GetStringAsync($"/fhir/Appointment?patient={person}")),
            ("Communication read", await holder.GetStringAsync($"/fhir/Communication/{space.ConversationId}-1")),
            ("Communication search", await holder.GetStringAsync($"/fhir/Communication?patient={person}")),
            ("Consent search", await holder.GetStringAsync($"/fhir/Consent?patient={person}")),
            ("export", await holder.GetStringAsync("/api/v1/me/export")),
            ("OperationOutcome (404)", await (await holder.GetAsync("/fhir/Observation/0123456789abcdef0123456789abcdef")).Content.ReadAsStringAsync()),
            ("OperationOutcome (422)", await (await app.PostAsync("/fhir/Observation", Samples.Content(Samples.Observation(space.Person, "29463-7", "kg", 9000m)))).Content.ReadAsStringAsync()),
            ("OperationOutcome (create)", await SendAsync(app, "/fhir/Observation", At(Samples.Observation(space.Person, "29463-7", "kg", 71m), 10), "return=OperationOutcome")),
            ("transaction-response", await SendAsync(app, "/fhir", Samples.Bundle(Samples.Entry(At(Samples.Observation(space.Person, "29463-7", "kg", 70m), 11))))),
            ("batch-response", await SendAsync(app, "/fhir", Batch(Samples.Entry(At(Samples.Observation(space.Person, "29463-7", "kg", 69m), 12)), Samples.Entry(Samples.Observation(space.Person, "29463-7", "cm", 69m))))),
        };

        var parser = new FhirJsonDeserializer(new DeserializerSettings());
        var errors = emitted.SelectMany(e =>
        {
            var resource = parser.Deserialize<Resource>(e.Json);
            return R4.Value.Validate(resource).Issue
                .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(i => $"{e.What}: {string.Join(", ", i.Expression)} {i.Details?.Text ?? i.Diagnostics}");
        }).ToList();

        emitted.Should().OnlyContain(e => e.Json.Contains("\"resourceType\"", StringComparison.Ordinal));
        emitted.Single(e => e.What == "export").Json.Should().Contain("\"Immunization\"").And.Contain("\"Basic\"").And.Contain("\"MedicationStatement\"");
        emitted.Single(e => e.What == "transaction-response").Json.Should().Contain("\"transaction-response\"");
        emitted.Single(e => e.What == "batch-response").Json.Should().Contain("\"batch-response\"");
        errors.Should().BeEmpty(string.Join(Environment.NewLine, errors));
    }

    /// <summary>The sample at another hour: without an identifier, (device, code, time) is a reading's key.</summary>
    private static JsonObject At(JsonObject observation, int hour)
    {
        observation["effectiveDateTime"] = $"2025-03-01T{hour:00}:00:00Z";
        return observation;
    }

    private static JsonObject Batch(params JsonObject[] entries)
    {
        var bundle = Samples.Bundle(entries);
        bundle["type"] = "batch";
        return bundle;
    }

    private static async Task<string> SendAsync(HttpClient client, string path, JsonNode body, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Samples.Content(body) };
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
