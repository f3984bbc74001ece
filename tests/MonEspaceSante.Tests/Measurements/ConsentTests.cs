using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

[Collection(MeasurementsCollection.Name)]
public sealed class ConsentTests(MeasurementsFixture fixture)
{
    [Fact]
    public async Task Apps_are_connected_only_to_an_open_space_with_known_scopes_and_revoked_at_once()
    {
        var person = TestIns.Next();
        var client = fixture.App.PatientClient(person);

        var notOpen = await client.PutAsJsonAsync("/api/v1/me/consents/glyco", new { scopes = new[] { "measurements.write:glucose" } });
        (await client.PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        var unknownScope = await client.PutAsJsonAsync("/api/v1/me/consents/glyco", new { scopes = new[] { "documents.delete" } });
        var badApp = await client.PutAsJsonAsync("/api/v1/me/consents/Bad App", new { scopes = new[] { "measurements.write:glucose" } });
        var granted = await client.PutAsJsonAsync("/api/v1/me/consents/glyco", new { scopes = new[] { "measurements.write:glucose", "measurements.read:glucose", "measurements.write:glucose" } });
        var revoked = await client.DeleteAsync("/api/v1/me/consents/glyco");
        var revokedAgain = await client.DeleteAsync("/api/v1/me/consents/glyco");
        var never = await client.DeleteAsync("/api/v1/me/consents/other-app");
        var list = await client.GetFromJsonAsync<List<AppConsent>>("/api/v1/me/consents", Json.Options);

        notOpen.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await notOpen.Content.ReadAsStringAsync()).Should().Contain("/api/v1/me/activation");
        unknownScope.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknownScope.Content.ReadAsStringAsync()).Should().Contain("unknown scope 'documents.delete'");
        badApp.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        granted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await granted.ReadAsAsync<AppConsent>()).Scopes.Should().Equal("measurements.read:glucose", "measurements.write:glucose");
        revoked.StatusCode.Should().Be(HttpStatusCode.NoContent);
        revokedAgain.StatusCode.Should().Be(HttpStatusCode.NoContent);
        never.StatusCode.Should().Be(HttpStatusCode.NotFound);
        list.Should().ContainSingle().Which.Should().Match<AppConsent>(c => c.AppId == "glyco" && !c.IsLive && c.RevokedAt != null);
        (await fixture.App.Grains.GetGrain<IPatientConsentsGrain>(Interfaces.Patients.PatientKey.From(person))
            .AllowedAsync("glyco", ["measurements.write:glucose"])).Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_holder_manages_their_consents()
    {
        var app = await fixture.App.ClientFor("app", "glyco").GetAsync("/api/v1/me/consents");
        var professional = await fixture.App.ClientFor("professional", "10003456789").PutAsJsonAsync("/api/v1/me/consents/glyco", new { scopes = new[] { "measurements.read:glucose" } });
        var anonymous = await fixture.App.CreateClient().GetAsync("/api/v1/me/consents");

        app.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        professional.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
