using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Tests.Infrastructure;
using MonEspaceSante.Tests.Measurements;

namespace MonEspaceSante.Tests.HealthSpace;

[Collection(HealthSpaceCollection.Name)]
public sealed class ExportTests(HealthSpaceFixture fixture)
{
    [Fact]
    public async Task The_holder_downloads_the_whole_space_as_one_fhir_bundle()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, Samples.AppId, "measurements.write:body-weight");
        var app = fixture.App.ClientFor("app", Samples.AppId);
        for (var i = 0; i < 3; i++)
        {
            var weight = Samples.Observation(person, "29463-7", "kg", 70 + i);
            weight["effectiveDateTime"] = $"2025-03-0{i + 1}T10:15:00+01:00";
            (await app.PostAsync("/fhir/Observation", new StringContent(weight.ToJsonString(), System.Text.Encoding.UTF8, "application/fhir+json"))).EnsureSuccessStatusCode();
        }

        var holder = fixture.App.PatientClient(person);
        (await holder.PostAsJsonAsync("/api/v1/me/agenda", new { title = "Dentiste", start = fixture.App.Clock.GetUtcNow().AddDays(3), kind = "appointment" })).EnsureSuccessStatusCode();
        (await Inbox.Communications.PostAsync(fixture.App.ProfessionalClient("10001234567"),
            Inbox.Communications.Start(person, "Résultats", "Vos résultats sont normaux.", Inbox.Communications.Pdf("bilan.pdf")))).EnsureSuccessStatusCode();
        var visible = await DepositAsync(person, "Compte rendu", "%PDF-1.4 visible"u8.ToArray(), []);
        await DepositAsync(person, "Pas encore annoncé", "%PDF-1.4 hidden"u8.ToArray(), ["INVISIBLE_PATIENT"]);
        await Eventually.HoldsAsync(async () => await fixture.CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins", ("ins", person.Value)) == 3,
            TimeSpan.FromSeconds(30), "3 readings stored");

        var response = await fixture.App.PatientClient(person).GetAsync("/api/v1/me/export");
        var bundle = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var types = bundle["entry"]!.AsArray().Select(e => e!["resource"]!["resourceType"]!.GetValue<string>()).ToList();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        bundle["resourceType"]!.GetValue<string>().Should().Be("Bundle");
        bundle["type"]!.GetValue<string>().Should().Be("collection");
        types.Should().Equal("Patient", "Consent", "DocumentReference", "Appointment", "Communication", "Observation", "Observation", "Observation");
        var document = bundle["entry"]![2]!["resource"]!;
        document["id"]!.GetValue<string>().Should().Be(visible, "the document invisible to the patient is not exported to them");
        Convert.FromBase64String(document["content"]![0]!["attachment"]!["data"]!.GetValue<string>()).Should().Equal("%PDF-1.4 visible"u8.ToArray());
        var attachment = bundle["entry"]![4]!["resource"]!["payload"]!.AsArray().Select(p => p!["contentAttachment"]).Single(a => a is not null)!;
        Convert.FromBase64String(attachment["data"]!.GetValue<string>()).Should().Equal(Inbox.Communications.PdfBytes);
        bundle["entry"]![0]!["resource"]!["identifier"]![0]!["value"]!.GetValue<string>().Should().Be(person.Value);
        bundle["entry"]!.AsArray().Where(e => e!["resource"]!["resourceType"]!.GetValue<string>() == "Observation")
            .Select(e => e!["resource"]!["valueQuantity"]!["value"]!.GetValue<decimal>()).Should().BeEquivalentTo([70m, 71m, 72m]);
    }

    private async Task<string> DepositAsync(Interfaces.Identity.Ins person, string title, byte[] content, string[] labels)
    {
        var reference = new JsonObject
        {
            ["resourceType"] = "DocumentReference",
            ["status"] = "current",
            ["category"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Interfaces.Documents.DocumentClassCodes.System, ["code"] = "10" }) }),
            ["subject"] = new JsonObject { ["reference"] = $"Patient/{person.Value}" },
            ["content"] = new JsonArray(new JsonObject { ["attachment"] = new JsonObject { ["contentType"] = "application/pdf", ["data"] = Convert.ToBase64String(content), ["title"] = title } }),
        };
        if (labels.Length > 0)
        {
            reference["securityLabel"] = new JsonArray(labels.Select(l => (JsonNode)new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["code"] = l }) }).ToArray());
        }

        var response = await fixture.App.ProfessionalClient("10001234567").PostAsync("/fhir/DocumentReference", new StringContent(reference.ToJsonString(), System.Text.Encoding.UTF8, "application/fhir+json"));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Only_the_holder_or_a_legal_representative_exports_and_the_representatives_export_is_recorded()
    {
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(2016, 2, 2));
        var parent = TestIns.Next();
        await fixture.RepresentAsync(minor, parent);
        await fixture.ConnectAsync(minor, "docs-app", "documents.read");

        var byParent = await fixture.App.RepresentativeClient(parent, minor).GetAsync("/api/v1/me/export");
        var byStranger = await fixture.App.RepresentativeClient(TestIns.Next(), minor).GetAsync("/api/v1/me/export");
        var byDoctor = await fixture.App.ProfessionalClient("10001234567").GetAsync("/api/v1/me/export");
        var byApp = await fixture.App.ClientFor("app", "docs-app").GetAsync("/api/v1/me/export");
        var anonymous = await fixture.App.CreateClient().GetAsync("/api/v1/me/export");
        var history = await fixture.App.PatientClient(minor).GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);

        byParent.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await byParent.Content.ReadAsStringAsync())!["entry"]!.AsArray().Should().HaveCount(2, "the person and the one consent");
        byStranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await byStranger.Content.ReadAsStringAsync()).Should().Contain("\"status\":403").And.NotContain("\"entry\"");
        byDoctor.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byApp.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        history!.Records.Where(r => r.Role == AccessorRole.Patient).Select(r => r.Resource).Should().Contain("export of the whole space");
    }
}
