using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>What the national measurement API refuses: an identifier reused for another measurement (409), a body mass index (422).</summary>
[Collection(MeasurementsCollection.Name)]
public sealed class ObservationConflictTests(MeasurementsFixture fixture)
{
    private const string Write = "measurements.write:body-weight";

    [Fact]
    public async Task An_identifier_reused_in_another_month_is_refused_with_a_409_naming_identifier_and_a_resend_changes_nothing()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);
        var first = Weight(person, "w-1", "2026-01-10T08:00:00Z", 70m);
        (await PostAsync("/fhir/Observation", first)).StatusCode.Should().Be(HttpStatusCode.Created);
        await fixture.WaitStoredAsync(person, 1);

        var otherMonth = await PostAsync("/fhir/Observation", Weight(person, "w-1", "2026-02-10T08:00:00Z", 70m));
        var otherValue = await PostAsync("/fhir/Observation", Weight(person, "w-1", "2026-01-10T08:00:00Z", 71m));
        var resend = await PostAsync("/fhir/Observation", first);

        otherMonth.StatusCode.Should().Be(HttpStatusCode.Conflict);
        using var outcome = JsonDocument.Parse(await otherMonth.Content.ReadAsStringAsync());
        var issue = outcome.RootElement.GetProperty("issue")[0];
        issue.GetProperty("code").GetString().Should().Be("duplicate");
        issue.GetProperty("expression")[0].GetString().Should().Be("Observation.identifier");
        otherValue.StatusCode.Should().Be(HttpStatusCode.Conflict, "another value under the same identifier is another measurement");
        resend.StatusCode.Should().Be(HttpStatusCode.Created, "the same reading sent again is accepted and changes nothing");
        await fixture.SendAsync(person, MeasurementsFixture.Weight(Samples.AppId, "marker", new DateTimeOffset(2026, 1, 11, 0, 0, 0, TimeSpan.Zero), 69));
        await fixture.WaitStoredAsync(person, 2);
        (await fixture.CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins AND value = 70", ("ins", person.Value))).Should().Be(1);
        (await fixture.StoredAsync(person)).Should().Be(2);
    }

    [Fact]
    public async Task A_transaction_reusing_an_identifier_stores_nothing_and_a_batch_refuses_only_that_entry()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);
        var transaction = Samples.Bundle(
            Samples.Entry(Weight(person, "t-new", "2026-03-01T08:00:00Z", 80m)),
            Samples.Entry(Weight(person, "t-twice", "2026-03-02T08:00:00Z", 81m)),
            Samples.Entry(Weight(person, "t-twice", "2026-03-03T08:00:00Z", 82m)));
        var batch = JsonNode.Parse(transaction.ToJsonString())!.AsObject();
        batch["type"] = "batch";

        var refused = await PostAsync("/fhir", transaction);
        var partly = await PostAsync("/fhir", batch);
        using var response = JsonDocument.Parse(await partly.Content.ReadAsStringAsync());
        await fixture.WaitStoredAsync(person, 2);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Bundle.entry[2].resource.identifier");
        partly.StatusCode.Should().Be(HttpStatusCode.OK);
        response.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("response").GetProperty("status").GetString())
            .Should().Equal("201 Created", "201 Created", "409 Conflict");
        (await fixture.CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins AND value = 82", ("ins", person.Value))).Should().Be(0);
    }

    [Fact]
    public async Task A_body_mass_index_is_refused_with_a_422_and_computed_from_weight_and_height_when_read()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, "measurements.write:body-height");
        var bmi = await PostAsync("/fhir/Observation", Samples.Observation(person, "39156-5", "kg/m2", 22.9m));
        var implausible = await PostAsync("/fhir/Observation", Samples.Observation(person, "29463-7", "kg", 900m));
        var malformed = await fixture.App.ClientFor("app", Samples.AppId).PostAsync("/fhir/Observation", new StringContent("{\"resourceType\":", System.Text.Encoding.UTF8, "application/fhir+json"));
        (await PostAsync("/fhir/Observation", Samples.Observation(person, "29463-7", "kg", 72m))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await PostAsync("/fhir/Observation", Samples.Observation(person, "8302-2", "cm", 180m))).StatusCode.Should().Be(HttpStatusCode.Created);
        await fixture.WaitStoredAsync(person, 2);
        using var latest = JsonDocument.Parse(await fixture.App.PatientClient(person).GetStringAsync("/api/v1/me/measurements/latest"));

        bmi.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await bmi.Content.ReadAsStringAsync()).Should().Contain("not-supported").And.Contain("Observation.code.coding");
        implausible.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a business rule, not a malformed body");
        (await implausible.Content.ReadAsStringAsync()).Should().Contain("Observation.valueQuantity.value");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var computed = latest.RootElement.EnumerateArray().Single(l => l.GetProperty("type").GetString() == "Bmi");
        computed.GetProperty("value").GetDouble().Should().Be(22.2, "72 kg / 1.80 m²");
        computed.GetProperty("appId").GetString().Should().Be("mes-computed");
    }

    [Fact]
    public async Task The_FHIR_search_and_read_answer_a_computed_body_mass_index_for_each_weight()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, "measurements.write:body-height");
        (await PostAsync("/fhir/Observation", Weight(person, "w-1", "2026-03-01T08:00:00Z", 81m))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await PostAsync("/fhir/Observation", Weight(person, "w-2", "2026-03-02T08:00:00Z", 72m))).StatusCode.Should().Be(HttpStatusCode.Created);
        var height = Samples.Observation(person, "8302-2", "cm", 180m);
        height["effectiveDateTime"] = "2026-03-01T12:00:00Z";
        (await PostAsync("/fhir/Observation", height)).StatusCode.Should().Be(HttpStatusCode.Created);
        await fixture.WaitStoredAsync(person, 3);
        var holder = fixture.App.PatientClient(person);

        using var last = JsonDocument.Parse(await holder.GetStringAsync("/fhir/Observation?code=http://loinc.org|39156-5&_sort=-date&_count=1"));
        using var all = JsonDocument.Parse(await holder.GetStringAsync("/fhir/Observation?code=39156-5&_sort=date&_total=accurate"));
        using var mixed = JsonDocument.Parse(await holder.GetStringAsync("/fhir/Observation?code=39156-5,29463-7&_sort=date"));

        var latest = last.RootElement.GetProperty("entry")[0].GetProperty("resource");
        latest.GetProperty("valueQuantity").GetProperty("value").GetDecimal().Should().Be(22.2m, "72 kg / 1.80 m², the height measured before that weight");
        latest.GetProperty("effectiveDateTime").GetString().Should().StartWith("2026-03-02T08:00:00");
        latest.GetProperty("derivedFrom")[0].GetProperty("reference").GetString().Should().StartWith("Observation/");
        all.RootElement.GetProperty("total").GetInt32().Should().Be(2);
        all.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("valueQuantity").GetProperty("value").GetDecimal())
            .Should().Equal([25.0m, 22.2m], "the first weight has no height before it: the first height after it counts");
        mixed.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString())
            .Should().Equal(["39156-5", "29463-7", "39156-5", "29463-7"], "a body mass index comes at its weight's time, its key (bmi:…) sorting before the weight's");

        var id = latest.GetProperty("id").GetString()!;
        id.Should().StartWith("bmi-");
        using var read = JsonDocument.Parse(await holder.GetStringAsync($"/fhir/Observation/{id}"));
        read.RootElement.GetProperty("valueQuantity").GetProperty("value").GetDecimal().Should().Be(22.2m);
        var weight = latest.GetProperty("derivedFrom")[0].GetProperty("reference").GetString()!;
        using var weightRead = JsonDocument.Parse(await holder.GetStringAsync($"/fhir/{weight}"));
        weightRead.RootElement.GetProperty("valueQuantity").GetProperty("value").GetDecimal().Should().Be(72m);
        (await holder.GetAsync($"/fhir/Observation/bmi-{new string('0', 32)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static JsonObject Weight(Ins person, string identifier, string at, decimal kg)
    {
        var observation = Samples.Observation(person, "29463-7", "kg", kg);
        observation["identifier"] = new JsonArray(Samples.Identifier("urn:app-scale", identifier));
        observation["effectiveDateTime"] = at;
        return observation;
    }

    private Task<HttpResponseMessage> PostAsync(string path, JsonNode body) =>
        fixture.App.ClientFor("app", Samples.AppId).PostAsync(path, Samples.Content(body));
}
