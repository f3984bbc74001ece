using System.Globalization;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Measurements;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>Checks one <c>valueQuantity</c> against its code: UCUM unit, exact value, plausible range.</summary>
internal static class QuantityRules
{
    /// <summary>The value in canonical units, or null after adding the issues that refuse it.</summary>
    /// <param name="quantity">The valueQuantity, when the value is one.</param>
    /// <param name="otherValue">The JSON name of a value[x] of another type, if any.</param>
    /// <param name="path">Where the valueQuantity is (<c>valueQuantity</c> or <c>component[1].valueQuantity</c>).</param>
    /// <param name="code">The code the value is a reading of, with its unit.</param>
    /// <param name="name">How messages name the measure.</param>
    /// <param name="range">The plausible canonical values.</param>
    /// <param name="issues">Where issues go.</param>
    public static decimal? Read(
        QuantityFact? quantity, string? otherValue, string path, MeasureCode code, string name, PlausibleRange range, IssueCollector issues)
    {
        var prefix = path[..^"valueQuantity".Length];
        if (quantity is null)
        {
            if (otherValue is not null)
            {
                issues.Add(prefix + otherValue, $"{name} is sent as a valueQuantity in '{code.Unit}', not as {otherValue}.", IssueType.Invalid);
            }
            else
            {
                issues.Add(path, $"the value of the {name} is required, as a valueQuantity in '{code.Unit}'.", IssueType.Required);
            }

            return null;
        }

        var unitFits = CheckUnit(quantity, path, code, name, issues);
        if (quantity.Comparator is { } comparator)
        {
            issues.Add(path + ".comparator", $"a reading is an exact value: the comparator '{comparator}' is not accepted.", IssueType.NotSupported);
            return null;
        }

        if (quantity.Value is not { } value)
        {
            issues.Add(path + ".value", $"the value of the {name} is required.", IssueType.Required);
            return null;
        }

        if (!unitFits)
        {
            return null;
        }

        var canonical = code.Canonicalise(value);
        if (code.Type == MeasureType.Steps && decimal.Truncate(value) != value)
        {
            issues.Add(path + ".value", "a step count is a whole number.", IssueType.Value);
            return null;
        }

        if (!range.Contains(canonical))
        {
            var canonicalUnit = MeasureCatalogue.For(code.Type).CanonicalUnit;
            var sent = code.IsCanonical
                ? string.Create(CultureInfo.InvariantCulture, $"{value} {code.Unit}")
                : string.Create(CultureInfo.InvariantCulture, $"{value} {code.Unit} ({canonical} {canonicalUnit})");
            issues.Add(path + ".value", $"{sent} is not a plausible {name}: expected {range} {canonicalUnit}.", IssueType.Value);
            return null;
        }

        return canonical;
    }

    private static bool CheckUnit(QuantityFact quantity, string path, MeasureCode code, string name, IssueCollector issues)
    {
        if (quantity.System is { } system && system != MeasureCatalogue.UcumSystem)
        {
            issues.Add(path + ".system", $"units are UCUM codes: the system must be {MeasureCatalogue.UcumSystem}, not '{system}'.", IssueType.Invalid);
            return false;
        }

        if (quantity.Code is null)
        {
            // Without a code, the unit text is accepted only when it is exactly the UCUM code.
            if (quantity.Unit == code.Unit)
            {
                return true;
            }

            var text = quantity.Unit is null ? "" : $" (the unit text '{quantity.Unit}' is not it)";
            issues.Add(path + ".code", $"the UCUM unit code '{code.Unit}' is required{text}.", IssueType.Required);
            return false;
        }

        if (quantity.System is null)
        {
            issues.Add(path + ".system", $"a unit code needs its system {MeasureCatalogue.UcumSystem}.", IssueType.Required);
            return false;
        }

        if (quantity.Code != code.Unit)
        {
            issues.Add(path + ".code", $"the unit '{quantity.Code}' does not fit {name} code {code.Loinc}: expected '{code.Unit}'{Hint(quantity.Code, code)}.", IssueType.CodeInvalid);
            return false;
        }

        return true;
    }

    /// <summary>Points to the sibling code that does take this unit (glucose in mmol/L is 15074-8, not 2345-7).</summary>
    private static string Hint(string unit, MeasureCode code)
    {
        var sibling = MeasureCatalogue.For(code.Type).Codes.FirstOrDefault(c => c.Unit == unit);
        return sibling is null ? "" : $" (a value in '{unit}' is sent with code {sibling.Loinc})";
    }
}
