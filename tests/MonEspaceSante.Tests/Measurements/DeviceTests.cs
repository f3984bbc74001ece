using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Measurements;

/// <summary>
/// The measurement transaction as partners of the national API send it: a PhdDevice created on condition
/// (<c>ifNoneExist</c>: 201, then 200 with the same Device) that the Observations refer to by its <c>fullUrl</c>; the
/// Device read by its app and included in a search (<c>_include=Observation:device</c>); conditional creates of
/// Devices and Observations over <c>If-None-Exist</c>.
/// </summary>
[Collection(MeasurementsCollection.Name)]
public sealed class DeviceTests(MeasurementsFixture fixture)
{
    private const string Write = "measurements.write:body-weight";
    private const string Read = "measurements.read:body-weight";
    private const string SerialSystem = "urn:oid:1.2.250.1.213.1.4.10";

    [Fact]
    public async Task A_phd_device_created_on_condition_is_created_once_and_included_in_the_search_of_its_readings()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, Read);
        var app = fixture.App.ClientFor("app", Samples.AppId);
        var serial = "SN-" + Guid.NewGuid().ToString("N")[..8];

        var first = await TransactionAsync(app, person, serial, hour: 8);
        var again = await TransactionAsync(app, person, serial, hour: 9);

        first[0].GetProperty("status").GetString().Should().Be("201 Created");
        again[0].GetProperty("status").GetString().Should().Be("200 OK", "the device is registered already");
        var location = first[0].GetProperty("location").GetString()!;
        location.Should().MatchRegex("^http://localhost/fhir/Device/[0-9a-f]{32}/_history/1$");
        again[0].GetProperty("location").GetString().Should().Be(location);
        first[1].GetProperty("status").GetString().Should().Be("201 Created");
        var deviceId = location.Split('/')[^3];

        var device = await app.GetAsync($"/fhir/Device/{deviceId}");
        var body = await device.Content.ReadAsStringAsync();
        device.StatusCode.Should().Be(HttpStatusCode.OK, body);
        device.Headers.ETag!.ToString().Should().Be("W/\"1\"");
        using (var json = JsonDocument.Parse(body))
        {
            json.RootElement.GetProperty("identifier")[0].GetProperty("value").GetString().Should().Be(serial);
            json.RootElement.GetProperty("manufacturer").GetString().Should().Be("Balances SA");
            json.RootElement.TryGetProperty("patient", out _).Should().BeFalse("a device is kept without the person it was sent with");
        }

        var other = fixture.App.ClientFor("app", "another-app");
        (await other.GetAsync($"/fhir/Device/{deviceId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "an app reads its own devices");

        await fixture.WaitStoredAsync(person, 2);
        var holder = fixture.App.PatientClient(person);
        using var search = JsonDocument.Parse(await holder.GetStringAsync($"/fhir/Observation?patient={person.Value}&_include=Observation:device"));
        var entries = search.RootElement.GetProperty("entry").EnumerateArray().ToList();
        entries.Where(e => e.GetProperty("search").GetProperty("mode").GetString() == "match")
            .Select(e => e.GetProperty("resource").GetProperty("device").GetProperty("reference").GetString())
            .Should().HaveCount(2).And.AllBe($"Device/{deviceId}");
        var included = entries.Where(e => e.GetProperty("search").GetProperty("mode").GetString() == "include").ToList();
        included.Should().ContainSingle();
        included[0].GetProperty("fullUrl").GetString().Should().Be($"http://localhost/fhir/Device/{deviceId}");

        var refused = await holder.GetAsync($"/fhir/Observation?patient={person.Value}&_include=Observation:subject");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_transaction_whose_condition_names_another_identifier_stores_nothing()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write);
        var app = fixture.App.ClientFor("app", Samples.AppId);
        var serial = "SN-" + Guid.NewGuid().ToString("N")[..8];
        var bundle = Transaction(person, serial, hour: 10);
        bundle["entry"]![0]!["request"]!["ifNoneExist"] = $"identifier={SerialSystem}|another";

        var response = await app.PostAsync("/fhir", Samples.Content(bundle));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, text);
        text.Should().Contain("Bundle.entry[0].request.ifNoneExist");

        var created = await app.PostAsync("/fhir/Device", Samples.Content(Device(person, serial)));
        created.StatusCode.Should().Be(HttpStatusCode.Created, "the refused transaction registered nothing");
        (await fixture.StoredAsync(person)).Should().Be(0);
    }

    [Fact]
    public async Task If_none_exist_creates_a_device_or_a_reading_once_and_refuses_a_condition_it_cannot_honour()
    {
        var person = await fixture.PersonWithAppAsync(Samples.AppId, Write, Read);
        var app = fixture.App.ClientFor("app", Samples.AppId);
        var serial = "SN-" + Guid.NewGuid().ToString("N")[..8];

        var created = await PostAsync(app, "/fhir/Device", Device(person, serial), $"identifier={SerialSystem}|{serial}");
        var found = await PostAsync(app, "/fhir/Device", Device(person, serial), $"identifier={serial}");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        found.StatusCode.Should().Be(HttpStatusCode.OK);
        found.Headers.Location.Should().Be(created.Headers.Location);
        (await PostAsync(app, "/fhir/Device", Device(person, serial), "identifier=urn:other|x")).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await PostAsync(app, "/fhir/Device", Device(person, serial), "serialNumber=1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var anonymous = Device(person, serial);
        anonymous.Remove("identifier");
        (await app.PostAsync("/fhir/Device", Samples.Content(anonymous))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a Device is registered by its identifier");

        var reading = Weight(person, "cond-1", 70m);
        var first = await PostAsync(app, "/fhir/Observation", reading, "identifier=urn:app-scale|cond-1");
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        await fixture.WaitStoredAsync(person, 1);
        fixture.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await PostAsync(app, "/fhir/Observation", Weight(person, "cond-1", 70m), "identifier=cond-1");
        second.StatusCode.Should().Be(HttpStatusCode.OK, "the reading is stored: the condition finds it");
        second.Headers.Location.Should().Be(first.Headers.Location);
        (await LastUpdatedAsync(second)).Should().BeCloseTo(await LastUpdatedAsync(first), TimeSpan.FromMilliseconds(1), "the answer is the stored reading (kept to the microsecond)");
        (await PostAsync(app, "/fhir/Observation", Weight(person, "cond-2", 71m), "identifier=cond-1")).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await fixture.StoredAsync(person)).Should().Be(1);
    }

    private static async Task<List<JsonElement>> TransactionAsync(HttpClient app, Ins person, string serial, int hour)
    {
        var response = await app.PostAsync("/fhir", Samples.Content(Transaction(person, serial, hour)));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        return [.. json.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("response").Clone())];
    }

    /// <summary>A PhdDevice created on condition, and a weight that refers to it by its fullUrl.</summary>
    private static JsonObject Transaction(Ins person, string serial, int hour)
    {
        var deviceUrl = "urn:uuid:" + Guid.NewGuid();
        var device = Samples.Entry(Device(person, serial), deviceUrl);
        device["request"]!["ifNoneExist"] = $"identifier={SerialSystem}|{serial}";
        var weight = Samples.Observation(person, "29463-7", "kg", 70m + hour);
        weight["effectiveDateTime"] = $"2025-03-01T{hour:00}:00:00Z";
        weight["device"] = new JsonObject { ["reference"] = deviceUrl };
        return Samples.Bundle(device, Samples.Entry(weight, "urn:uuid:" + Guid.NewGuid()));
    }

    private static JsonObject Device(Ins person, string serial) => new()
    {
        ["resourceType"] = "Device",
        ["meta"] = new JsonObject { ["profile"] = new JsonArray("http://hl7.org/fhir/uv/phd/StructureDefinition/PhdDevice") },
        ["identifier"] = new JsonArray(Samples.Identifier(SerialSystem, serial)),
        ["manufacturer"] = "Balances SA",
        ["patient"] = new JsonObject { ["identifier"] = Samples.Identifier(IdentifierSystems.InsNir, person.Value) },
    };

    private static JsonObject Weight(Ins person, string identifier, decimal kg)
    {
        var weight = Samples.Observation(person, "29463-7", "kg", kg);
        weight["identifier"] = new JsonArray(Samples.Identifier("urn:app-scale", identifier));
        return weight;
    }

    private static async Task<DateTimeOffset> LastUpdatedAsync(HttpResponseMessage response) => DateTimeOffset.Parse(
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meta").GetProperty("lastUpdated").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> PostAsync(HttpClient app, string path, JsonObject resource, string condition)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Samples.Content(resource) };
        request.Headers.TryAddWithoutValidation("If-None-Exist", condition);
        return app.SendAsync(request);
    }
}
