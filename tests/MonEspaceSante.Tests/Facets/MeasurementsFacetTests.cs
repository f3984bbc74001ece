using MonEspaceSante.Grains.Consents;
using MonEspaceSante.Grains.Measurements;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The measurements facet with the real time series on PostgreSQL and the consents facet, without a silo.</summary>
[Collection(FacetStoresCollection.Name)]
public sealed class MeasurementsFacetTests(FacetStores stores)
{
    private static readonly DateTimeOffset Measured = new(2026, 5, 30, 7, 0, 0, TimeSpan.Zero);

    private readonly TestSpace space = new(TestIns.Next());
    private readonly HeldFacetState<ConsentsState> consentState = new();
    private readonly ListedApps catalogue = new ListedApps()
        .With("cgm", "measurements.write:glucose", "measurements.read:glucose")
        .With("scale", "measurements.write:body-weight", "measurements.read:body-weight");

    private async Task<MeasurementsFacet> FacetAsync()
    {
        var consents = new ConsentsFacet(consentState, space, catalogue);
        await consents.GrantAsync("cgm", ["measurements.write:glucose", "measurements.read:glucose"]);
        await consents.GrantAsync("scale", ["measurements.write:body-weight"]);
        return new MeasurementsFacet(stores.Measurements, consents, space);
    }

    private static Reading Glucose(string key, double mgdl, int minutes = 0) =>
        new("cgm", key, MeasureType.Glucose, "2345-7", Measured.AddMinutes(minutes), mgdl, null, "mg/dL", null);

    private Task<long> StoredAsync() => stores.CountAsync("SELECT count(*) FROM mes_measurement WHERE ins = @ins", ("ins", space.Person.Value));

    [Fact]
    public async Task A_redelivered_batch_is_stored_once_and_its_write_recorded_once()
    {
        var measurements = await FacetAsync();
        var batch = new ReadingBatch([Glucose("id:a", 110), Glucose("id:b", 120, 5)]);

        await measurements.StoreAsync(batch);
        await measurements.StoreAsync(batch);

        (await StoredAsync()).Should().Be(2);
        space.History.Should().ContainSingle().Which.Resource.Should().Be("Observation (2 readings)");
    }

    [Fact]
    public async Task Readings_acknowledged_before_their_consent_was_revoked_are_stored_and_recorded()
    {
        var measurements = await FacetAsync();
        var consents = new ConsentsFacet(consentState, space, catalogue);
        await consents.RevokeAsync("cgm");

        await measurements.StoreAsync(new ReadingBatch([Glucose("id:late", 100)]));

        (await StoredAsync()).Should().Be(1, "it was accepted under a live consent and acknowledged: the revocation holds from the next request");
        space.History.Should().ContainSingle().Which.Resource.Should().Be("Observation (1 readings)");
    }

    [Fact]
    public async Task A_low_glucose_is_announced_without_its_value_and_goes_live_only_while_watched()
    {
        var measurements = await FacetAsync();

        await measurements.StoreAsync(new ReadingBatch([Glucose("id:low", 48)]));
        measurements.Watch(TimeSpan.FromMinutes(1));
        await measurements.StoreAsync(new ReadingBatch([Glucose("id:high", 260, 5), Glucose("id:ok", 130, 10)]));

        space.Notices.Should().Equal(($"alert:{space.Person.Value}:cgm:id:low", NoticeKind.MeasurementAlert), ($"alert:{space.Person.Value}:cgm:id:high", NoticeKind.MeasurementAlert));
        var live = space.Live.Should().ContainSingle().Which.Item.Should().BeOfType<LiveMeasurements>().Subject;
        live.Items.Select(i => (i.Reading.ReadingKey, i.Alert)).Should().Equal(("id:high", "glucose-high"), ("id:ok", null));
    }

    [Fact]
    public async Task An_app_reads_only_the_types_it_holds_a_read_consent_for()
    {
        var measurements = await FacetAsync();
        await measurements.StoreAsync(new ReadingBatch([Glucose("id:r", 101)]));
        await measurements.StoreAsync(new ReadingBatch([new Reading("scale", "id:w", MeasureType.BodyWeight, "29463-7", Measured, 71.5, null, "kg", null)]));

        var every = await measurements.SearchAsync(Callers.App("cgm"), [], null, null, 100, null);
        var weight = () => measurements.SearchAsync(Callers.App("scale"), [MeasureType.BodyWeight], null, null, 100, null);

        every.Readings.Select(r => r.Type).Should().Equal(MeasureType.Glucose);
        await weight.Should().ThrowAsync<AccessDeniedException>().WithMessage("*measurements.read:body-weight*");
        (await measurements.GetLatestAsync(Callers.Holder(space.Person))).Select(l => l.Type).Should().BeEquivalentTo([MeasureType.Glucose, MeasureType.BodyWeight]);
    }
}
