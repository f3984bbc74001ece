using System.Text.Json.Nodes;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Measurements;

[Trait("Category", "Unit")]
public sealed class ObservationAcceptanceTests
{
    private readonly ObservationReader reader = new();

    public static TheoryData<MeasureType, string, string, double, double> EveryMeasure => new()
    {
        { MeasureType.BodyWeight, "29463-7", "kg", 72.5, 72.5 },
        { MeasureType.BodyHeight, "8302-2", "cm", 178, 178 },
        { MeasureType.Steps, "41950-7", "1/(24.h)", 8432, 8432 },
        { MeasureType.BodyTemperature, "8310-5", "Cel", 37.2, 37.2 },
        { MeasureType.HeartRate, "8867-4", "/min", 64, 64 },
        { MeasureType.OxygenSaturation, "2708-6", "%", 97, 97 },
        { MeasureType.Glucose, "2345-7", "mg/dL", 104, 104 },
        { MeasureType.Glucose, "15074-8", "mmol/L", 5.5, 99 },
        { MeasureType.HbA1c, "4548-4", "%", 6.8, 6.8 },
    };

    [Theory]
    [MemberData(nameof(EveryMeasure))]
    public void Every_single_value_measure_is_read_in_its_canonical_unit(MeasureType type, string loinc, string unit, double sent, double kept)
    {
        var patient = TestIns.Next();
        var json = Samples.Observation(patient, loinc, unit, (decimal)sent);

        var result = reader.Read(Samples.Bytes(json), Samples.AppId);

        result.Issues.Should().BeEmpty();
        result.Accepted!.Patient.Should().Be(patient);
        result.Accepted.Reading.Should().Be(new Reading(
            Samples.AppId,
            $"dev:|{loinc}|2025-03-01T09:15:00Z",
            type,
            loinc,
            Samples.EffectiveUtc,
            kept,
            null,
            MeasureCatalogue.For(type).CanonicalUnit,
            null));
    }

    [Fact]
    public void A_body_mass_index_is_refused_because_the_service_computes_it()
    {
        var result = reader.Read(Samples.Bytes(Samples.Observation(TestIns.Next(), "39156-5", "kg/m2", 22.9m)), Samples.AppId);

        result.IsAccepted.Should().BeFalse();
        var issue = result.Issues.Should().ContainSingle().Subject;
        issue.Expression.Should().Be("Observation.code.coding");
        issue.Type.Should().Be(Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported);
        issue.Message.Should().Contain("computed from the latest weight");
    }

    [Fact]
    public void Blood_pressure_is_read_from_its_systolic_and_diastolic_components()
    {
        var json = Samples.BloodPressure(TestIns.Next(), 128, 82);

        var reading = reader.Read(Samples.Bytes(json), Samples.AppId).Accepted!.Reading;

        reading.Type.Should().Be(MeasureType.BloodPressure);
        reading.Code.Should().Be("85354-9");
        reading.Value.Should().Be(128);
        reading.Secondary.Should().Be(82);
        reading.Unit.Should().Be("mm[Hg]");
    }

    [Theory]
    [InlineData("https://interop.esante.gouv.fr/ig/fhir/mesures/StructureDefinition/mesures-glucose")]
    [InlineData("http://esante.gouv.fr/ci-sis/fhir/StructureDefinition/ENS_FrObservationGlucose")]
    [InlineData("http://example.org/StructureDefinition/any-other")]
    public void Either_profile_family_is_accepted_and_codes_are_what_is_checked(string profile)
    {
        var json = Samples.Observation(TestIns.Next(), "2345-7", "mg/dL", 104);
        json.Insert(1, "meta", new JsonObject { ["profile"] = new JsonArray(profile) });

        var result = reader.Read(Samples.Bytes(json), Samples.AppId);

        result.IsAccepted.Should().BeTrue();
        result.Accepted!.Reading.Value.Should().Be(104);
    }

    [Theory]
    [InlineData("Patient/{0}")]
    [InlineData("Patient?identifier=urn:oid:1.2.250.1.213.1.4.8|{0}")]
    [InlineData("Patient?identifier=urn%3Aoid%3A1.2.250.1.213.1.4.8%7C{0}")]
    public void Subject_may_be_a_reference_by_ins_or_by_identifier_search(string reference)
    {
        var patient = TestIns.Next();
        var json = Samples.Observation(patient, "29463-7", "kg", 72.5m);
        json["subject"] = new JsonObject { ["reference"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, reference, patient.Value) };

        var result = reader.Read(Samples.Bytes(json), Samples.AppId);

        result.Accepted!.Patient.Should().Be(patient);
    }

    [Theory]
    [InlineData(IdentifierSystems.InsNirTest)]
    [InlineData(IdentifierSystems.InsNirDemo)]
    public void Subject_identifier_may_use_any_ins_system(string system)
    {
        var patient = TestIns.Next();
        var json = Samples.Observation(patient, "29463-7", "kg", 72.5m);
        json["subject"] = new JsonObject { ["identifier"] = Samples.Identifier(system, patient.Value) };

        reader.Read(Samples.Bytes(json), Samples.AppId).Accepted!.Patient.Should().Be(patient);
    }

    [Fact]
    public void Unit_text_alone_is_accepted_when_it_is_exactly_the_ucum_code()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 72.5m);
        json["valueQuantity"] = new JsonObject { ["value"] = 72.5m, ["unit"] = "kg" };

        reader.Read(Samples.Bytes(json), Samples.AppId).Accepted!.Reading.Value.Should().Be(72.5);
    }

    [Theory]
    [InlineData("effectiveDateTime", "\"2025-03-01T09:15:00Z\"")]
    [InlineData("effectiveDateTime", "\"2025-03-01T10:15:00.000+01:00\"")]
    [InlineData("effectivePeriod", "{\"start\":\"2025-03-01T10:15:00+01:00\",\"end\":\"2025-03-01T10:20:00+01:00\"}")]
    [InlineData("effectiveInstant", "\"2025-03-01T09:15:00Z\"")]
    public void Effective_time_is_read_from_any_form_and_kept_in_utc(string element, string value)
    {
        var json = Samples.Observation(TestIns.Next(), "8867-4", "/min", 64);
        json.Remove("effectiveDateTime");
        json[element] = JsonNode.Parse(value);

        var reading = reader.Read(Samples.Bytes(json), Samples.AppId).Accepted!.Reading;

        reading.EffectiveAt.Should().Be(Samples.EffectiveUtc);
        reading.EffectiveAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void A_day_without_time_is_kept_at_midnight_utc()
    {
        var json = Samples.Observation(TestIns.Next(), "4548-4", "%", 6.8m);
        json["effectiveDateTime"] = "2025-02-14";

        reader.Read(Samples.Bytes(json), Samples.AppId).Accepted!.Reading.EffectiveAt
            .Should().Be(new DateTimeOffset(2025, 2, 14, 0, 0, 0, TimeSpan.Zero));
    }
}
