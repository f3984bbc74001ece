using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>Create as R4 defines it (Location, ETag, Prefer), reads by id, and the search parameters partners send.</summary>
[Collection(MeasurementsCollection.Name)]
public sealed class ObservationReadTests(MeasurementsFixture fixture)
{
    private const string Write = "measurements.write:body-weight";
    private const string Read = "measurements.read:body-weight";
    private const string Profile = "https://interop.esante.gouv.fr/ig/fhir/mesures/StructureDefinition/mesures-body-weight";

    [Fact]
    public async Task A_create_names_where_the_reading_is_read_and_the_read_gives_it_back_with_its_version_source_and_profile()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, Read);
        var observation = Samples.Observation(person, "29463-7", "kg", 72.4m);
        observation["identifier"] = new JsonArray(Samples.Identifier("urn:app-glyco", "r-located"));
        observation["meta"] = new JsonObject { ["source"] = "urn:app-glyco:scale-7", ["profile"] = new JsonArray(Profile) };

        var created = await PostAsync(observation);
        var again = await PostAsync(observation);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString()!;
        var location = created.Headers.Location!.AbsoluteUri;
        await fixture.WaitStoredAsync(person, 1);
        var read = await fixture.App.PatientClient(person).GetAsync(location.Replace("/_history/1", "", StringComparison.Ordinal));
        using var stored = JsonDocument.Parse(await read.Content.ReadAsStringAsync());

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        location.Should().Be($"http://localhost/fhir/Observation/{id}/_history/1");
        created.Headers.ETag!.ToString().Should().Be("W/\"1\"");
        created.Content.Headers.LastModified.Should().NotBeNull();
        body.RootElement.GetProperty("resourceType").GetString().Should().Be("Observation", "without Prefer the created resource is returned");
        again.Headers.Location!.AbsoluteUri.Should().Be(location, "the id comes from the reading's key: a resend names the same");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        read.Headers.ETag!.ToString().Should().Be("W/\"1\"");
        read.Content.Headers.LastModified.Should().Be(created.Content.Headers.LastModified);
        var meta = stored.RootElement.GetProperty("meta");
        stored.RootElement.GetProperty("id").GetString().Should().Be(id);
        meta.GetProperty("versionId").GetString().Should().Be("1");
        meta.GetProperty("source").GetString().Should().Be("urn:app-glyco:scale-7");
        meta.GetProperty("profile")[0].GetString().Should().Be(Profile);
        DateTimeOffset.Parse(meta.GetProperty("lastUpdated").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeCloseTo(created.Content.Headers.LastModified!.Value, TimeSpan.FromSeconds(1));
        stored.RootElement.GetProperty("valueQuantity").GetProperty("value").GetDecimal().Should().Be(72.4m);
    }

    [Fact]
    public async Task Prefer_return_minimal_answers_no_body_and_return_operation_outcome_the_outcome()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);

        var minimal = await PostAsync(Samples.Observation(person, "29463-7", "kg", 70m), "return=minimal");
        // Another time: without an identifier, (device, code, time) is the reading's key, and another value under it is a 409.
        var later = Samples.Observation(person, "29463-7", "kg", 71m);
        later["effectiveDateTime"] = "2025-03-01T10:15:00Z";
        var outcome = await PostAsync(later, "return=OperationOutcome");

        minimal.StatusCode.Should().Be(HttpStatusCode.Created);
        minimal.Headers.Location.Should().NotBeNull();
        (await minimal.Content.ReadAsStringAsync()).Should().BeEmpty();
        outcome.StatusCode.Should().Be(HttpStatusCode.Created);
        using var answer = JsonDocument.Parse(await outcome.Content.ReadAsStringAsync());
        answer.RootElement.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
    }

    [Fact]
    public async Task A_read_by_id_follows_the_rules_of_a_search_and_an_unknown_id_is_a_404_with_an_outcome()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);
        // A backslash escape and a non-ASCII letter: the SQL side must hash the same bytes as the C# side.
        await fixture.SendAsync(person, MeasurementsFixture.Weight(Samples.AppId, @"\x41-pesée", new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), 66));
        await fixture.WaitStoredAsync(person, 1);
        var id = ObservationIds.Of(person.Value, Samples.AppId, @"id:urn:test|\x41-pesée");

        var holder = await fixture.App.PatientClient(person).GetAsync($"/fhir/Observation/{id}");
        var stranger = await fixture.App.PatientClient(TestIns.Next()).GetAsync($"/fhir/Observation/{id}");
        var appWithoutRead = await fixture.App.ClientFor("app", Samples.AppId).GetAsync($"/fhir/Observation/{id}");
        var unknown = await fixture.App.PatientClient(person).GetAsync($"/fhir/Observation/{new string('0', 32)}");
        var garbled = await fixture.App.PatientClient(person).GetAsync("/fhir/Observation/not-an-id");

        holder.StatusCode.Should().Be(HttpStatusCode.OK);
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        appWithoutRead.StatusCode.Should().Be(HttpStatusCode.Forbidden, "writing a type is not reading it");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome");
        garbled.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_identifier_reused_for_another_time_does_not_make_a_second_reading()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);
        var first = MeasurementsFixture.Weight(Samples.AppId, "reused", new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), 70);
        await fixture.SendAsync(person, first);
        await fixture.WaitStoredAsync(person, 1);

        await fixture.SendAsync(person, first with { EffectiveAt = first.EffectiveAt.AddHours(1), Value = 75 }, MeasurementsFixture.Weight(Samples.AppId, "marker", first.EffectiveAt, 71));
        await fixture.WaitStoredAsync(person, 2);

        (await fixture.CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins AND reading_key = 'id:urn:test|reused' AND value = 70", ("ins", person.Value))).Should().Be(1);
        (await fixture.StoredAsync(person)).Should().Be(2, "the reading that reused the identifier is not stored");
    }

    [Fact]
    public async Task A_transaction_response_names_where_each_reading_is_read()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, Read);
        var observation = Samples.Observation(person, "29463-7", "kg", 68m);
        observation["identifier"] = new JsonArray(Samples.Identifier("urn:app-glyco", "in-transaction"));

        var response = await fixture.App.ClientFor("app", Samples.AppId).PostAsync("/fhir", Samples.Content(Samples.Bundle(Samples.Entry(observation))));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = answer.RootElement.GetProperty("entry")[0].GetProperty("response");
        var id = ObservationIds.Of(person.Value, Samples.AppId, "id:urn:app-glyco|in-transaction");

        entry.GetProperty("location").GetString().Should().Be($"http://localhost/fhir/Observation/{id}/_history/1");
        entry.GetProperty("etag").GetString().Should().Be("W/\"1\"");
        entry.TryGetProperty("lastModified", out _).Should().BeTrue();
        await fixture.WaitStoredAsync(person, 1);
        (await fixture.App.ClientFor("app", Samples.AppId).GetAsync(entry.GetProperty("location").GetString())).StatusCode.Should().Be(HttpStatusCode.OK,
            "a versioned Location reads the version (the only one)");
    }

    [Fact]
    public async Task A_search_sorts_counts_skips_and_gives_the_last_value_as_the_national_api_asks()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, Read);
        var day = new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
        await fixture.SendAsync(person, [.. Enumerable.Range(0, 60).Select(i => MeasurementsFixture.Weight(Samples.AppId, $"n{i}", day.AddHours(i), 60 + (i / 10.0)))]);
        await fixture.WaitStoredAsync(person, 60);
        var app = fixture.App.ClientFor("app", Samples.AppId);
        var subject = $"subject.identifier={IdentifierSystems.InsNir}|{person.Value}&code=29463-7";

        using var byDefault = await GetJsonAsync(app, $"/fhir/Observation?{subject}");
        using var last = await GetJsonAsync(app, $"/fhir/Observation?{subject}&_sort=-date&_count=1");
        using var oldest = await GetJsonAsync(app, $"/fhir/Observation?{subject}&_sort=date&_count=2&_offset=1");
        using var window = await GetJsonAsync(app, $"/fhir/Observation?{subject}&date=ge2026-04-01T10:00:00Z&date=le2026-04-01T12:00:00Z&_total=none");
        using var counted = await GetJsonAsync(app, $"/fhir/Observation?{subject}&_summary=count");
        using var exact = await GetJsonAsync(app, $"/fhir/Observation?{subject}&date=eq2026-04-01T09:00:00Z");
        var tooMany = await app.GetAsync($"/fhir/Observation?{subject}&_count=101");
        var badSort = await app.GetAsync($"/fhir/Observation?{subject}&_sort=value");

        byDefault.RootElement.GetProperty("entry").GetArrayLength().Should().Be(50, "a page holds 50 by default");
        byDefault.RootElement.TryGetProperty("total", out _).Should().BeFalse("counting every match is asked for with _total");
        using (var withTotal = await GetJsonAsync(app, $"/fhir/Observation?{subject}&_total=accurate"))
        {
            withTotal.RootElement.GetProperty("total").GetInt32().Should().Be(60);
        }

        using (var allOnOnePage = await GetJsonAsync(app, $"/fhir/Observation?{subject}&_count=100"))
        {
            allOnOnePage.RootElement.GetProperty("total").GetInt32().Should().Be(60, "a first page that holds every match knows its total for free");
        }

        Samples.Values(last).Should().Equal(65.9m);
        Samples.Values(oldest).Should().Equal(60.1m, 60.2m);
        var next = Link(oldest, "next");
        next.Should().NotContain("_offset", "the next page resumes from its cursor");
        using (var afterOldest = await GetJsonAsync(app, next!))
        {
            Samples.Values(afterOldest).Should().Equal(60.3m, 60.4m);
        }

        Samples.Values(window).Should().Equal(60.4m, 60.3m, 60.2m);
        window.RootElement.TryGetProperty("total", out _).Should().BeFalse("_total=none gives no total, even one known for free");
        counted.RootElement.GetProperty("total").GetInt32().Should().Be(60);
        counted.RootElement.TryGetProperty("entry", out _).Should().BeFalse("_summary=count gives the count only");
        Samples.Values(exact).Should().Equal(60.1m);
        tooMany.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badSort.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badSort.Content.ReadAsStringAsync()).Should().Contain("_sort");
    }

    private static string? Link(JsonDocument bundle, string relation) => bundle.RootElement.GetProperty("link").EnumerateArray()
        .Where(l => l.GetProperty("relation").GetString() == relation).Select(l => l.GetProperty("url").GetString()).FirstOrDefault();

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text);
    }

    private async Task<HttpResponseMessage> PostAsync(JsonNode body, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation") { Content = Samples.Content(body) };
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        return await fixture.App.ClientFor("app", Samples.AppId).SendAsync(request);
    }
}
