using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Grains.Catalogue;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Catalogue;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

[Collection(HealthSpaceCollection.Name)]
public sealed class CatalogueAndConsentTests(HealthSpaceFixture fixture)
{
    [Fact]
    public async Task Operators_reference_apps_people_browse_them_and_connect_only_a_subset_of_their_scopes()
    {
        var appId = $"tension-{Guid.NewGuid():N}"[..20];
        var operatorClient = fixture.App.ClientFor("operator", "op-1");
        var person = await fixture.OpenSpaceAsync();
        var holder = fixture.App.PatientClient(person);

        var beforeReference = await holder.PutAsJsonAsync($"/api/v1/me/consents/{appId}", new { scopes = new[] { "measurements.write:blood-pressure" } });
        var referenced = await operatorClient.PutAsJsonAsync($"/api/v1/catalogue/apps/{appId}", new { name = "Tension+", editor = "Acme Santé", scopes = new[] { "measurements.write:blood-pressure", "measurements.read:blood-pressure" } });
        var byPatient = await holder.PutAsJsonAsync($"/api/v1/catalogue/apps/{appId}", new { name = "Mine", editor = "Me", scopes = new[] { "documents.read" } });
        var browsed = await holder.GetFromJsonAsync<List<CatalogueApp>>("/api/v1/catalogue/apps", Json.Options);
        var beyond = await holder.PutAsJsonAsync($"/api/v1/me/consents/{appId}", new { scopes = new[] { "measurements.write:blood-pressure", "documents.read" } });
        var granted = await holder.PutAsJsonAsync($"/api/v1/me/consents/{appId}", new { scopes = new[] { "measurements.write:blood-pressure" } });
        var withdrawn = await operatorClient.DeleteAsync($"/api/v1/catalogue/apps/{appId}");
        var afterWithdrawal = await fixture.App.PatientClient(await fixture.OpenSpaceAsync()).PutAsJsonAsync($"/api/v1/me/consents/{appId}", new { scopes = new[] { "measurements.write:blood-pressure" } });
        var listed = await holder.GetFromJsonAsync<List<CatalogueApp>>("/api/v1/catalogue/apps", Json.Options);
        var badScope = await operatorClient.PutAsJsonAsync($"/api/v1/catalogue/apps/{appId}", new { name = "Tension+", editor = "Acme", scopes = new[] { "everything" } });

        beforeReference.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await beforeReference.Content.ReadAsStringAsync()).Should().Contain("not in the catalogue");
        (await referenced.ReadAsAsync<CatalogueApp>()).Should().Match<CatalogueApp>(a => a.Name == "Tension+" && a.Scopes.Count == 2 && a.IsListed);
        byPatient.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        browsed.Should().ContainSingle(a => a.AppId == appId).Which.Editor.Should().Be("Acme Santé");
        beyond.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await beyond.Content.ReadAsStringAsync()).Should().Contain("not 'documents.read'");
        granted.StatusCode.Should().Be(HttpStatusCode.OK);
        withdrawn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        afterWithdrawal.StatusCode.Should().Be(HttpStatusCode.NotFound);
        listed.Should().NotContain(a => a.AppId == appId);
        badScope.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badScope.Content.ReadAsStringAsync()).Should().Contain("unknown scope 'everything'");
    }

    [Fact]
    public async Task Fhir_consents_show_the_holder_everything_an_app_only_its_own_and_record_a_professionals_read()
    {
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, "docs-app", "documents.read", "documents.write");
        await fixture.ConnectAsync(person, "reader-app", "measurements.read:glucose");
        (await fixture.App.PatientClient(person).DeleteAsync("/api/v1/me/consents/reader-app")).EnsureSuccessStatusCode();
        var query = $"/fhir/Consent?patient=urn:oid:1.2.250.1.213.1.4.8|{person.Value}";

        var byHolder = await ReadBundleAsync(fixture.App.PatientClient(person), "/fhir/Consent");
        var byApp = await ReadBundleAsync(fixture.App.ClientFor("app", "docs-app"), query);
        var byDoctor = await ReadBundleAsync(fixture.App.ProfessionalClient("10001234567"), query);
        var byOperator = await fixture.App.ClientFor("operator", "op-1").GetAsync(query);
        var byOtherPatient = await fixture.App.PatientClient(TestIns.Next()).GetAsync(query);

        Summaries(byHolder).Should().Equal(("docs-app", "active", 2), ("reader-app", "inactive", 1));
        Summaries(byApp).Should().Equal(("docs-app", "active", 2));
        Summaries(byDoctor).Should().HaveCount(2);
        byOperator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byOtherPatient.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var history = await fixture.App.PatientClient(person).GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);
        history!.Records.Select(r => (r.Role, r.ActorId, r.Resource)).Should().Equal(
            (AccessorRole.Professional, "10001234567", "consents"),
            (AccessorRole.App, "docs-app", "consents"));
    }

    [Fact]
    public async Task Withdrawing_an_app_stops_it_at_once_on_spaces_that_had_connected_it_and_listing_it_again_restores_it()
    {
        var appId = $"retire-{Guid.NewGuid():N}"[..20];
        var operatorClient = fixture.App.ClientFor("operator", "op-1");
        var reference = new { name = "Retiree", editor = "Acme", scopes = new[] { "documents.read" } };
        (await operatorClient.PutAsJsonAsync($"/api/v1/catalogue/apps/{appId}", reference)).EnsureSuccessStatusCode();
        var person = await fixture.OpenSpaceAsync();
        await fixture.ConnectAsync(person, appId, "documents.read");
        var app = fixture.App.ClientFor("app", appId);
        var documents = $"/fhir/DocumentReference?patient=urn:oid:1.2.250.1.213.1.4.8|{person.Value}";

        var whileListed = await app.GetAsync(documents);
        (await operatorClient.DeleteAsync($"/api/v1/catalogue/apps/{appId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var afterWithdrawal = await app.GetAsync(documents);
        var consentAfterWithdrawal = await app.GetAsync($"/fhir/Consent?patient=urn:oid:1.2.250.1.213.1.4.8|{person.Value}");
        var holdersConsents = await fixture.App.PatientClient(person).GetStringAsync("/api/v1/me/consents");

        // Another silo's copy learns it from the catalogue at its next refresh.
        var otherSilo = new WithdrawnApps(fixture.App.Services.GetRequiredService<IGrainFactory>(), NullLogger<WithdrawnApps>.Instance);
        await otherSilo.RefreshAsync();
        var knownElsewhere = otherSilo.Contains(appId);

        (await operatorClient.PutAsJsonAsync($"/api/v1/catalogue/apps/{appId}", reference)).EnsureSuccessStatusCode();
        var afterRelisting = await app.GetAsync(documents);
        await otherSilo.RefreshAsync();

        whileListed.StatusCode.Should().Be(HttpStatusCode.OK);
        afterWithdrawal.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        consentAfterWithdrawal.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        holdersConsents.Should().Contain(appId, "the person's own record of the consent is kept");
        knownElsewhere.Should().BeTrue();
        afterRelisting.StatusCode.Should().Be(HttpStatusCode.OK, "the consent was never revoked by the person");
        otherSilo.Contains(appId).Should().BeFalse();
    }

    private static async Task<JsonNode> ReadBundleAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<(string App, string Status, int Actions)> Summaries(JsonNode bundle) =>
        bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Select(c => (
            c["provision"]!["actor"]![0]!["reference"]!["identifier"]!["value"]!.GetValue<string>(),
            c["status"]!.GetValue<string>(),
            c["provision"]!["action"]!.AsArray().Count));
}
