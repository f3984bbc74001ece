using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Tests.Measurements;

[Trait("Category", "Unit")]
public sealed class MeasureCatalogueTests
{
    [Fact]
    public void The_catalogue_covers_every_measure_in_the_unit_the_time_series_uses()
    {
        MeasureCatalogue.All.Select(d => d.Type).Should().BeEquivalentTo(Enum.GetValues<MonEspaceSante.Interfaces.Measurements.MeasureType>());
        MeasureCatalogue.All.Should().AllSatisfy(d => d.CanonicalUnit.Should().Be(MonEspaceSante.Interfaces.Measurements.MeasureUnits.Canonical(d.Type), "readings are stored and shown in one unit per type"));
    }

    [Fact]
    public void Every_measure_type_has_exactly_one_definition()
    {
        MeasureCatalogue.All.Select(d => d.Type).Should().BeEquivalentTo(Enum.GetValues<MeasureType>());
    }

    [Theory]
    [InlineData("3.0", 54)]
    [InlineData("2.9", 52)]
    [InlineData("13.9", 250)]
    [InlineData("14.0", 252)]
    [InlineData("5.5", 99)]
    public void Glucose_in_mmol_per_litre_lands_on_the_same_side_of_the_alert_thresholds(string mmolPerLitre, int mgPerDecilitre)
    {
        MeasureCatalogue.TryFindCode("15074-8", out var code).Should().BeTrue();

        code!.Canonicalise(decimal.Parse(mmolPerLitre, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(mgPerDecilitre);
    }

    [Fact]
    public void Glucose_in_milligrams_per_decilitre_is_kept_as_sent()
    {
        MeasureCatalogue.TryFindCode("2345-7", out var code).Should().BeTrue();

        code!.Canonicalise(53.6m).Should().Be(53.6m);
    }

    [Theory]
    [InlineData(MeasureType.BodyWeight, "0.2", "500")]
    [InlineData(MeasureType.BodyHeight, "20", "280")]
    [InlineData(MeasureType.Bmi, "5", "150")]
    [InlineData(MeasureType.Steps, "0", "150000")]
    [InlineData(MeasureType.BodyTemperature, "25", "46")]
    [InlineData(MeasureType.HeartRate, "15", "350")]
    [InlineData(MeasureType.BloodPressure, "40", "300")]
    [InlineData(MeasureType.OxygenSaturation, "40", "100")]
    [InlineData(MeasureType.Glucose, "10", "1500")]
    [InlineData(MeasureType.HbA1c, "2", "25")]
    public void Plausible_ranges_are_those_of_the_design(MeasureType type, string min, string max)
    {
        var range = MeasureCatalogue.For(type).Range;

        range.ToString().Should().Be($"{min} to {max}");
    }

    [Fact]
    public void Diastolic_pressure_has_its_own_range()
    {
        MeasureCatalogue.For(MeasureType.BloodPressure).SecondaryRange.Should().Be(new PlausibleRange(20m, 200m));
    }
}
