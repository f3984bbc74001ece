using System.Text;
using System.Text.Json.Nodes;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Tests.Measurements;

[Trait("Category", "Unit")]
public sealed class ObservationRefusalTests
{
    private const string OfficialSampleWithWrongKey = "123456789012244";

    private readonly ObservationReader reader = new();

    [Fact]
    public void Unit_that_does_not_fit_the_code_is_refused_naming_the_unit_code()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "[lb_av]", 160);

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.valueQuantity.code",
            "the unit '[lb_av]' does not fit body weight code 29463-7: expected 'kg'.",
            IssueType.CodeInvalid));
    }

    [Fact]
    public void Glucose_in_mmol_per_litre_under_the_mass_code_is_refused_with_the_right_code()
    {
        var json = Samples.Observation(TestIns.Next(), "2345-7", "mmol/L", 5.5m);

        Refusal(json).Single().Message.Should().Be(
            "the unit 'mmol/L' does not fit blood glucose code 2345-7: expected 'mg/dL' (a value in 'mmol/L' is sent with code 15074-8).");
    }

    [Fact]
    public void Impossible_weight_is_refused_naming_the_value()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 5000);

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.valueQuantity.value",
            "5000 kg is not a plausible body weight: expected 0.2 to 500 kg.",
            IssueType.Value));
    }

    [Fact]
    public void Implausible_glucose_in_mmol_per_litre_is_refused_in_both_units()
    {
        var json = Samples.Observation(TestIns.Next(), "15074-8", "mmol/L", 90);

        Refusal(json).Single().Message.Should().Be("90 mmol/L (1621 mg/dL) is not a plausible blood glucose: expected 10 to 1500 mg/dL.");
    }

    [Fact]
    public void Unknown_code_is_refused_naming_the_coding()
    {
        var json = Samples.Observation(TestIns.Next(), "12345-6", "kg", 70);

        var issue = Refusal(json).Single();

        issue.Expression.Should().Be("Observation.code.coding");
        issue.Type.Should().Be(IssueType.NotSupported);
        issue.Message.Should().StartWith("no coding names a supported measure: expected a LOINC code (system http://loinc.org) among 29463-7, 8302-2");
    }

    [Fact]
    public void Missing_effective_time_is_refused_as_required()
    {
        var json = Samples.Observation(TestIns.Next(), "8867-4", "/min", 64);
        json.Remove("effectiveDateTime");

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.effective[x]",
            "the time of the measurement is required: effectiveDateTime, or effectivePeriod with its start.",
            IssueType.Required));
    }

    [Fact]
    public void Official_sample_ins_with_a_wrong_key_is_refused_without_repeating_it()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 70);
        json["subject"] = new JsonObject { ["identifier"] = Samples.Identifier(IdentifierSystems.InsNir, OfficialSampleWithWrongKey) };

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.subject.identifier.value",
            "the patient's INS is not valid: the INS key is wrong (it does not match the first 13 characters).",
            IssueType.Value));
    }

    [Fact]
    public void Ins_with_a_wrong_key_in_a_reference_is_refused_naming_the_reference()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 70);
        json["subject"] = new JsonObject { ["reference"] = "Patient/" + OfficialSampleWithWrongKey };

        var issue = Refusal(json).Single();

        issue.Expression.Should().Be("Observation.subject.reference");
        issue.Message.Should().NotContain(OfficialSampleWithWrongKey);
    }

    [Fact]
    public void Subject_identified_outside_the_ins_systems_is_refused()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 70);
        json["subject"] = new JsonObject { ["identifier"] = Samples.Identifier("https://app.example.com/users", "u-42") };

        var issue = Refusal(json).Single();

        issue.Expression.Should().Be("Observation.subject.identifier.system");
        issue.Type.Should().Be(IssueType.NotSupported);
    }

    [Theory]
    [InlineData("preliminary")]
    [InlineData("entered-in-error")]
    public void Status_other_than_final_amended_or_corrected_is_refused(string status)
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 70);
        json["status"] = status;

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.status", $"only final, amended or corrected readings are accepted, not '{status}'.", IssueType.Value));
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_place()
    {
        var result = reader.Read(Encoding.UTF8.GetBytes("{\"resourceType\":\"Observation\",\n\"status\":}"), Samples.AppId);

        result.Issues.Should().Equal(new FhirIssue(
            "Observation", "the body is not valid JSON (line 2, byte 10).", IssueType.Structure));
    }

    [Fact]
    public void Another_resource_is_refused_naming_its_type()
    {
        var json = new JsonObject { ["resourceType"] = "Patient", ["id"] = "p1" };

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.resourceType", "expected an Observation, not a Patient.", IssueType.NotSupported));
    }

    [Fact]
    public void Unknown_element_is_refused_by_firely_naming_it()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 70);
        json["weigth"] = 70;

        var issue = Refusal(json).Single();

        issue.Expression.Should().Be("Observation.weigth");
        issue.Message.Should().Be("Found unknown element 'weigth'.");
    }

    [Fact]
    public void Value_of_the_wrong_json_type_is_refused_naming_the_json_element()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 70);
        json["valueQuantity"]!["value"] = "seventy";

        Refusal(json).Select(i => i.Expression).Should().Equal("Observation.valueQuantity.value");
    }

    [Fact]
    public void Wrong_component_value_type_is_refused_naming_the_component()
    {
        var json = Samples.BloodPressure(TestIns.Next(), 128, 82);
        json["component"]![1]!["valueQuantity"]!["value"] = true;

        Refusal(json).Select(i => i.Expression).Should().Equal("Observation.component[1].valueQuantity.value");
    }

    [Fact]
    public void Diastolic_out_of_range_is_refused_naming_its_component()
    {
        var json = Samples.BloodPressure(TestIns.Next(), 128, 8);

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.component[1].valueQuantity.value",
            "8 mm[Hg] is not a plausible diastolic pressure: expected 20 to 200 mm[Hg].",
            IssueType.Value));
    }

    [Fact]
    public void Diastolic_above_systolic_is_refused()
    {
        var json = Samples.BloodPressure(TestIns.Next(), 80, 120);

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.component[1].valueQuantity.value",
            "the diastolic pressure (120 mm[Hg]) must be lower than the systolic (80 mm[Hg]).",
            IssueType.Invalid));
    }

    [Fact]
    public void Blood_pressure_without_its_diastolic_component_is_refused()
    {
        var json = Samples.BloodPressure(TestIns.Next(), 128, 82);
        json["component"]!.AsArray().RemoveAt(1);

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.component", "the diastolic component (LOINC 8462-4, in mm[Hg]) is required.", IssueType.Required));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 5000);
        json["status"] = "preliminary";
        json.Remove("subject");
        json.Remove("effectiveDateTime");

        Refusal(json).Select(i => i.Expression).Should().Equal(
            "Observation.status", "Observation.subject", "Observation.effective[x]", "Observation.valueQuantity.value");
    }

    [Fact]
    public void A_value_with_a_comparator_is_refused()
    {
        var json = Samples.Observation(TestIns.Next(), "2345-7", "mg/dL", 40);
        json["valueQuantity"]!["comparator"] = "<";

        Refusal(json).Select(i => i.Expression).Should().Equal("Observation.valueQuantity.comparator");
    }

    [Fact]
    public void Unit_text_that_is_not_the_ucum_code_is_refused_when_the_code_is_absent()
    {
        var json = Samples.Observation(TestIns.Next(), "29463-7", "kg", 70);
        json["valueQuantity"] = new JsonObject { ["value"] = 70, ["unit"] = "kilograms" };

        Refusal(json).Should().Equal(new FhirIssue(
            "Observation.valueQuantity.code",
            "the UCUM unit code 'kg' is required (the unit text 'kilograms' is not it).",
            IssueType.Required));
    }

    private List<FhirIssue> Refusal(JsonObject json)
    {
        var result = reader.Read(Samples.Bytes(json), Samples.AppId);
        result.IsAccepted.Should().BeFalse();
        result.Issues.Should().OnlyContain(i => !InsRedactor.ContainsIns(i.Message));
        return [.. result.Issues];
    }
}
