using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

[Collection(MeasurementsCollection.Name)]
public sealed class MeasurementPipelineTests(MeasurementsFixture fixture)
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_reading_sent_again_is_stored_once()
    {
        var person = await fixture.PersonWithAppAsync("scale", "measurements.write:body-weight");
        var first = MeasurementsFixture.Weight("scale", "w1", Day.AddHours(7), 71.2);
        var second = MeasurementsFixture.Weight("scale", "w2", Day.AddHours(8), 71.0);

        await fixture.SendAsync(person, first, second, first);
        await fixture.SendAsync(person, second, first);
        await fixture.SendAsync(person, MeasurementsFixture.Weight("scale", "w3", Day.AddHours(9), 70.9));
        await fixture.WaitStoredAsync(person, 3);

        var series = await fixture.App.PatientClient(person).GetFromJsonAsync<List<SeriesPoint>>(
            $"/api/v1/me/measurements/body-weight?from={Day:O}&to={Day.AddDays(1):O}".Replace("+", "%2B", StringComparison.Ordinal), Json.Options);
        series!.Select(p => (p.At, p.Mean)).Should().Equal((Day.AddHours(7), 71.2), (Day.AddHours(8), 71.0), (Day.AddHours(9), 70.9));
        (await fixture.StoredAsync(person)).Should().Be(3);
    }

    [Fact]
    public async Task Readings_acknowledged_before_a_revocation_are_stored_when_they_arrive()
    {
        var person = await fixture.PersonWithAppAsync("scale", "measurements.write:body-weight");
        await fixture.PersonWithAppAsync("other", "measurements.write:body-weight");
        var client = fixture.App.PatientClient(person);
        (await client.PutAsJsonAsync("/api/v1/me/consents/other", new { scopes = new[] { "measurements.write:body-weight" } })).EnsureSuccessStatusCode();
        (await client.DeleteAsync("/api/v1/me/consents/scale")).EnsureSuccessStatusCode();

        await fixture.SendAsync(person, MeasurementsFixture.Weight("scale", "late", Day, 80));
        await fixture.SendAsync(person, MeasurementsFixture.Weight("other", "after", Day.AddHours(1), 81));
        await fixture.WaitStoredAsync(person, 2);

        (await fixture.CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins AND app_id = 'scale'", ("ins", person.Value))).Should().Be(1,
            "the event carries readings accepted under a live consent: nothing acknowledged is dropped");
    }

    [Fact]
    public async Task Series_aggregate_per_hour_and_day_and_latest_values_are_per_type()
    {
        var person = await fixture.PersonWithAppAsync("cgm", "measurements.write:glucose", "measurements.write:body-weight");
        var readings = new[] { 100.0, 120, 140, 90, 180 }.Select((v, i) => MeasurementsFixture.Glucose("cgm", $"g{i}", Day.AddHours(10).AddMinutes(i * 20), v))
            .Append(MeasurementsFixture.Glucose("cgm", "g-next-day", Day.AddDays(1).AddHours(6), 110))
            .Append(MeasurementsFixture.Weight("cgm", "w", Day.AddHours(6), 64.5)).ToArray();
        await fixture.SendAsync(person, readings);
        await fixture.WaitStoredAsync(person, readings.Length);
        var grain = fixture.App.Grains.GetGrain<IPatientMeasurementsGrain>(Interfaces.Patients.PatientKey.From(person));
        var me = new Interfaces.Access.Accessor(Interfaces.Access.AccessorRole.Patient, person.Value, "test");

        var hourly = await grain.GetSeriesAsync(me, MeasureType.Glucose, Day, Day.AddDays(2), SeriesAggregation.Hour);
        var daily = await grain.GetSeriesAsync(me, MeasureType.Glucose, Day, Day.AddDays(2), SeriesAggregation.Day);
        var latest = await fixture.App.PatientClient(person).GetFromJsonAsync<List<LatestMeasurement>>("/api/v1/me/measurements/latest", Json.Options);

        hourly.Should().Equal(
            new SeriesPoint(Day.AddHours(10), 100, 140, 120, 3, null, null, null),
            new SeriesPoint(Day.AddHours(11), 90, 180, 135, 2, null, null, null),
            new SeriesPoint(Day.AddDays(1).AddHours(6), 110, 110, 110, 1, null, null, null));
        daily.Should().Equal(
            new SeriesPoint(Day, 90, 180, 126, 5, null, null, null),
            new SeriesPoint(Day.AddDays(1), 110, 110, 110, 1, null, null, null));
        latest!.Select(l => (l.Type, l.Value, l.Unit)).Should().Equal((MeasureType.BodyWeight, 64.5, "kg"), (MeasureType.Glucose, 110.0, "mg/dL"));
    }

    [Fact]
    public async Task A_search_pages_newest_first_with_a_total()
    {
        var person = await fixture.PersonWithAppAsync("scale", "measurements.write:body-weight");
        var readings = Enumerable.Range(0, 5).Select(i => MeasurementsFixture.Weight("scale", $"p{i}", Day.AddDays(i), 60 + i)).ToArray();
        await fixture.SendAsync(person, readings);
        await fixture.WaitStoredAsync(person, 5);
        var grain = fixture.App.Grains.GetGrain<IPatientMeasurementsGrain>(Interfaces.Patients.PatientKey.From(person));
        var me = new Interfaces.Access.Accessor(Interfaces.Access.AccessorRole.Patient, person.Value, "test");

        var first = await grain.SearchAsync(me, [MeasureType.BodyWeight], null, null, 2, null);
        var second = await grain.SearchAsync(me, [MeasureType.BodyWeight], null, null, 2, first.Next);
        var third = await grain.SearchAsync(me, [], Day.AddDays(0), Day.AddDays(5), 2, second.Next);

        first.Readings.Select(r => r.Value).Should().Equal(64, 63);
        second.Readings.Select(r => r.Value).Should().Equal(62, 61);
        third.Readings.Select(r => r.Value).Should().Equal(60);
        (first.Total, third.Total).Should().Be((5L, 5L));
        third.Next.Should().BeNull();
        var garbled = () => grain.SearchAsync(me, [], null, null, 2, "not-a-cursor");
        await garbled.Should().ThrowAsync<Interfaces.Errors.InvalidInputException>().Where(e => e.Field == "_page");
    }
}
