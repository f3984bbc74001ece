using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

[Collection(MeasurementsCollection.Name)]
public sealed class ObservationApiTests(MeasurementsFixture fixture)
{
    private const string Write = "measurements.write:body-weight";
    private const string WriteGlucose = "measurements.write:glucose";

    [Fact]
    public async Task A_reading_of_a_consenting_person_is_acknowledged_and_stored_once_however_often_it_is_sent()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, "measurements.read:body-weight");
        var observation = Samples.Observation(person, "29463-7", "kg", 72.4m);
        observation["identifier"] = new JsonArray(Samples.Identifier("urn:app-glyco", "reading-1"));

        var first = await PostAsync("/fhir/Observation", observation);
        var again = await PostAsync("/fhir/Observation", observation);
        await fixture.WaitStoredAsync(person, 1);
        var search = await fixture.App.ClientFor("app", Samples.AppId).GetAsync($"/fhir/Observation?patient={person.Value}&code=29463-7");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        first.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        (await fixture.StoredAsync(person)).Should().Be(1);
        using var bundle = JsonDocument.Parse(await search.Content.ReadAsStringAsync());
        bundle.RootElement.GetProperty("total").GetInt32().Should().Be(1);
        var found = bundle.RootElement.GetProperty("entry")[0].GetProperty("resource");
        found.GetProperty("valueQuantity").GetProperty("value").GetDecimal().Should().Be(72.4m);
        found.GetProperty("identifier")[0].GetProperty("value").GetString().Should().Be("reading-1");
    }

    [Fact]
    public async Task A_batch_keeps_its_valid_entries_and_says_which_were_refused_and_why()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, WriteGlucose);
        var stranger = TestIns.Next();
        var badKey = Samples.Observation(person, "29463-7", "kg", 70m);
        badKey["subject"] = new JsonObject { ["identifier"] = Samples.Identifier(IdentifierSystems.InsNir, "123456789012244") };
        var bundle = Samples.Bundle(
            Samples.Entry(Samples.Observation(person, "29463-7", "kg", 70m)),
            Samples.Entry(Samples.Observation(person, "29463-7", "cm", 70m)),
            Samples.Entry(Samples.Observation(person, "29463-7", "kg", 5000m)),
            Samples.Entry(Samples.Observation(person, "15074-8", "mmol/L", 5.5m)),
            Samples.Entry(Samples.Observation(stranger, "29463-7", "kg", 80m)),
            Samples.Entry(badKey));
        bundle["type"] = "batch";

        var response = await PostAsync("/fhir", bundle);
        await fixture.WaitStoredAsync(person, 2);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        answer.RootElement.GetProperty("type").GetString().Should().Be("batch-response");
        var entries = answer.RootElement.GetProperty("entry").EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("response").GetProperty("status").GetString()).Should().Equal(
            "201 Created", "422 Unprocessable Entity", "422 Unprocessable Entity", "201 Created", "403 Forbidden", "422 Unprocessable Entity");
        Expression(entries[1]).Should().StartWith("Bundle.entry[1].resource.valueQuantity");
        Expression(entries[2]).Should().StartWith("Bundle.entry[2].resource.valueQuantity.value");
        Expression(entries[4]).Should().Be("Bundle.entry[4].resource");
        Expression(entries[5]).Should().StartWith("Bundle.entry[5].resource.subject");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("123456789012244");
        (await fixture.StoredAsync(person)).Should().Be(2);
        (await fixture.StoredAsync(stranger)).Should().Be(0);
        (await fixture.CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins AND type = 8 AND value = 99", ("ins", person.Value))).Should().Be(1, "5.5 mmol/L is stored as 99 mg/dL");
    }

    [Fact]
    public async Task A_transaction_with_one_bad_entry_or_one_unconsented_person_stores_nothing()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);
        var invalid = Samples.Bundle(Samples.Entry(Samples.Observation(person, "29463-7", "kg", 70m)), Samples.Entry(Samples.Observation(person, "29463-7", "kg", -3m)));
        var unconsented = Samples.Bundle(Samples.Entry(Samples.Observation(person, "29463-7", "kg", 71m)), Samples.Entry(Samples.Observation(TestIns.Next(), "29463-7", "kg", 71m)));

        var refused = await PostAsync("/fhir", invalid);
        var forbidden = await PostAsync("/fhir", unconsented);
        var fine = await PostAsync("/fhir", Samples.Bundle(Samples.Entry(Samples.Observation(person, "29463-7", "kg", 72m))));
        await fixture.WaitStoredAsync(person, 1);

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Bundle.entry[1].resource.valueQuantity.value");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await forbidden.Content.ReadAsStringAsync()).Should().Contain("Bundle.entry[1].resource").And.Contain("measurements.write:body-weight");
        fine.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins", ("ins", person.Value))).Should().Be(1, "only the last, valid transaction is stored");
    }

    [Fact]
    public async Task An_app_without_consent_or_after_revocation_is_refused_and_nothing_is_stored()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);
        var before = await PostAsync("/fhir/Observation", Samples.Observation(person, "29463-7", "kg", 65m));
        await fixture.WaitStoredAsync(person, 1);
        (await fixture.App.PatientClient(person).DeleteAsync($"/api/v1/me/consents/{Samples.AppId}")).EnsureSuccessStatusCode();
        var after = await PostAsync("/fhir/Observation", Samples.Observation(person, "29463-7", "kg", 66m));
        var otherType = await PostAsync("/fhir/Observation", Samples.Observation(await fixture.PersonWithAppAsync(Samples.AppId, Write), "8867-4", "/min", 60m));

        before.StatusCode.Should().Be(HttpStatusCode.Created);
        after.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await after.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.Contain("\"forbidden\"").And.Contain("measurements.write:body-weight");
        otherType.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.StoredAsync(person)).Should().Be(1);
    }

    [Fact]
    public async Task Malformed_fhir_and_oversized_bundles_get_an_operation_outcome()
    {
        var person = TestIns.Next();
        var malformed = await PostRawAsync("/fhir/Observation", "{\"resourceType\": \"Observation\", ");
        var notBundle = await PostRawAsync("/fhir", "[1, 2]");
        var entries = Enumerable.Range(0, 10_000).Select(i => Samples.Entry(Samples.Observation(person, "29463-7", "kg", 60m + (i % 10)))).ToArray();
        var huge = await PostAsync("/fhir", Samples.Bundle(entries));
        var fromPatient = await fixture.App.PatientClient(person).PostAsync("/fhir/Observation", Samples.Content(Samples.Observation(person, "29463-7", "kg", 60m)));

        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome");
        notBundle.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await notBundle.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome");
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await huge.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.Contain("1000");
        fromPatient.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.StoredAsync(person)).Should().Be(0);
    }

    [Fact]
    public async Task A_bundle_for_more_people_than_the_cap_is_refused_naming_the_setting()
    {
        var people = Enumerable.Range(0, 101).Select(_ => TestIns.Next()).ToList();
        JsonObject[] Entries(int count) => people.Take(count).Select(p => Samples.Entry(Samples.Observation(p, "29463-7", "kg", 70m))).ToArray();

        var refused = await PostAsync("/fhir", Samples.Bundle(Entries(101)));
        var atTheCap = await PostAsync("/fhir", Samples.Bundle(Entries(100)));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("101 people").And.Contain("Measurements:MaxPeople").And.Contain("Bundle.entry");
        atTheCap.StatusCode.Should().NotBe(HttpStatusCode.BadRequest, "100 people is within the cap (each entry is then refused or kept on its own)");
    }

    [Fact]
    public async Task An_observation_over_its_limit_is_a_413_that_says_the_limit()
    {
        var person = TestIns.Next();
        var observation = Samples.Observation(person, "29463-7", "kg", 60m);
        observation["note"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["text"] = new string('x', 200_000) });

        var huge = await PostAsync("/fhir/Observation", observation);

        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await huge.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.Contain("65,536 bytes");
        (await fixture.StoredAsync(person)).Should().Be(0);
    }

    [Fact]
    public async Task A_search_pages_with_absolute_next_links_for_the_holder_and_refuses_operators()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);
        var readings = Enumerable.Range(0, 3).Select(i => MeasurementsFixture.Weight(Samples.AppId, $"s{i}", new DateTimeOffset(2026, 2, 1 + i, 8, 0, 0, TimeSpan.Zero), 60 + i)).ToArray();
        await fixture.SendAsync(person, readings);
        await fixture.WaitStoredAsync(person, 3);
        var holder = fixture.App.PatientClient(person);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/Observation?date=ge2026-02-01&_count=2&_total=accurate");
        request.Headers.Host = "attacker.example";
        using var first = JsonDocument.Parse(await (await holder.SendAsync(request)).Content.ReadAsStringAsync());
        var links = first.RootElement.GetProperty("link").EnumerateArray().ToDictionary(l => l.GetProperty("relation").GetString()!, l => l.GetProperty("url").GetString()!);
        var next = links["next"];
        using var second = JsonDocument.Parse(await holder.GetStringAsync(next));
        var byOperator = await fixture.App.ClientFor("operator", "op").GetAsync($"/fhir/Observation?patient={person.Value}");
        var badCode = await holder.GetAsync("/fhir/Observation?code=1234-5");

        links["self"].Should().Be("http://localhost/fhir/Observation?date=ge2026-02-01&_count=2&_total=accurate", "links are built from the configured public address, not the Host sent");
        next.Should().StartWith("http://localhost/fhir/Observation?");
        first.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("fullUrl").GetString())
            .Should().AllSatisfy(url => url.Should().MatchRegex("^http://localhost/fhir/Observation/[^/]+$"));
        first.RootElement.GetProperty("total").GetInt32().Should().Be(3);
        Samples.Values(first).Should().Equal(62m, 61m);
        Samples.Values(second).Should().Equal(60m);
        byOperator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await byOperator.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome");
        badCode.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_self_link_lists_only_the_parameters_used_and_strict_handling_refuses_the_others()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, "measurements.read:body-weight");
        var app = fixture.App.ClientFor("app", Samples.AppId);
        var byIdentifier = $"/fhir/Observation?subject.identifier=urn:oid:1.2.250.1.213.1.4.8|{person.Value}&code=29463-7&color=blue";

        using var lenient = JsonDocument.Parse(await app.GetStringAsync(byIdentifier));
        using var strictRequest = new HttpRequestMessage(HttpMethod.Get, byIdentifier);
        strictRequest.Headers.Add("Prefer", "handling=strict");
        var strict = await app.SendAsync(strictRequest);

        var self = lenient.RootElement.GetProperty("link").EnumerateArray().Single(l => l.GetProperty("relation").GetString() == "self").GetProperty("url").GetString();
        self.Should().Contain("subject.identifier=").And.Contain("code=29463-7").And.NotContain("color", "an ignored parameter is not echoed");
        strict.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var outcome = JsonDocument.Parse(await strict.Content.ReadAsStringAsync());
        outcome.RootElement.GetProperty("issue")[0].GetProperty("expression")[0].GetString().Should().Be("color");
    }

    private static string Expression(JsonElement entry) =>
        entry.GetProperty("response").GetProperty("outcome").GetProperty("issue")[0].GetProperty("expression")[0].GetString()!;

    private Task<HttpResponseMessage> PostAsync(string path, JsonNode body) => fixture.App.ClientFor("app", Samples.AppId).PostAsync(path, Samples.Content(body));

    private Task<HttpResponseMessage> PostRawAsync(string path, string body) => fixture.App.ClientFor("app", Samples.AppId).PostAsync(path, new StringContent(body, MediaTypeHeaderValue.Parse("application/fhir+json")));
}
