using System.Globalization;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Measurements;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// The blood pressure panel (85354-9) carries no value of its own: systolic (8480-6) and diastolic
/// (8462-4) components, both required, in mm[Hg], systolic above diastolic. Other components (mean
/// pressure...) are ignored.
/// </summary>
internal static class BloodPressureRules
{
    private static readonly MeasureCode Systolic = new(MeasureCatalogue.SystolicPressure, MeasureType.BloodPressure, "mm[Hg]", 1m);
    private static readonly MeasureCode Diastolic = new(MeasureCatalogue.DiastolicPressure, MeasureType.BloodPressure, "mm[Hg]", 1m);

    public static (decimal? Systolic, decimal? Diastolic) Read(ObservationFacts facts, MeasureDefinition definition, IssueCollector issues)
    {
        if (facts.Quantity is not null || facts.OtherValue is not null)
        {
            issues.Add(
                facts.OtherValue ?? "valueQuantity",
                $"a blood pressure panel carries its values in components (systolic {Systolic.Loinc}, diastolic {Diastolic.Loinc}), not in value[x].",
                IssueType.Invalid);
        }

        var systolicAt = IndexOf(facts.Components, Systolic, "systolic", issues);
        var diastolicAt = IndexOf(facts.Components, Diastolic, "diastolic", issues);
        var systolic = ValueOf(facts.Components, systolicAt, Systolic, "systolic pressure", definition.Range, issues);
        var diastolic = ValueOf(facts.Components, diastolicAt, Diastolic, "diastolic pressure", definition.SecondaryRange!.Value, issues);
        if (systolic is { } high && diastolic is { } low && high <= low)
        {
            issues.Add(
                $"component[{diastolicAt}].valueQuantity.value",
                string.Create(CultureInfo.InvariantCulture, $"the diastolic pressure ({low} mm[Hg]) must be lower than the systolic ({high} mm[Hg])."),
                IssueType.Invalid);
            return (null, null);
        }

        return (systolic, diastolic);
    }

    private static int IndexOf(IReadOnlyList<ComponentFact> components, MeasureCode code, string name, IssueCollector issues)
    {
        var found = -1;
        for (var i = 0; i < components.Count; i++)
        {
            if (!MeasureCodes.Has(components[i].Codes, code.Loinc))
            {
                continue;
            }

            if (found >= 0)
            {
                issues.Add($"component[{i}].code.coding", $"a second {name} component (LOINC {code.Loinc}): send one.", IssueType.Invalid);
                return -1;
            }

            found = i;
        }

        if (found < 0)
        {
            issues.Add("component", $"the {name} component (LOINC {code.Loinc}, in mm[Hg]) is required.", IssueType.Required);
        }

        return found;
    }

    private static decimal? ValueOf(
        IReadOnlyList<ComponentFact> components, int index, MeasureCode code, string name, PlausibleRange range, IssueCollector issues)
    {
        if (index < 0)
        {
            return null;
        }

        var component = components[index];
        return QuantityRules.Read(component.Quantity, component.OtherValue, $"component[{index}].valueQuantity", code, name, range, issues);
    }
}
