using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// One LOINC code an app may send, the one UCUM unit that fits it, and how a value in that unit becomes
/// the canonical unit of its <see cref="Type"/>.
/// </summary>
/// <param name="Loinc">The LOINC code.</param>
/// <param name="Type">The measure it is a reading of.</param>
/// <param name="Unit">The UCUM code a value of this LOINC code must carry.</param>
/// <param name="ToCanonical">The factor from <paramref name="Unit"/> to the canonical unit (1 when they are the same).</param>
public sealed record MeasureCode(string Loinc, MeasureType Type, string Unit, decimal ToCanonical)
{
    public bool IsCanonical => ToCanonical == 1m;

    /// <summary>The value in the canonical unit of <see cref="Type"/>.</summary>
    public decimal Canonicalise(decimal value)
    {
        if (IsCanonical)
        {
            return value;
        }

        // Converted values are rounded to whole canonical units. For glucose this is the resolution of
        // mg/dL meters, and it keeps the usual pairs on the same side of the alert thresholds:
        // 3.0 mmol/L -> 54 mg/dL (not 54.048) and 13.9 mmol/L -> 250 mg/dL (not 250.42).
        // Decimal arithmetic, so that 3.0 x 18.016 is exactly 54.048 before rounding.
        return Math.Round(value * ToCanonical, 0, MidpointRounding.AwayFromZero);
    }
}
