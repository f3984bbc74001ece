using MonEspaceSante.Api.Fhir;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>When the measurement was taken: <c>effectiveDateTime</c>, <c>effectivePeriod.start</c> or <c>effectiveInstant</c>.</summary>
internal static class EffectiveRules
{
    /// <summary>The time in UTC, or null after adding the issue that refuses it.</summary>
    public static DateTimeOffset? Read(EffectiveFact effective, IssueCollector issues)
    {
        var path = effective.JsonName switch
        {
            null => null,
            "effectiveDateTime" or "effectiveInstant" => effective.JsonName,
            "effectivePeriod" => "effectivePeriod.start",
            _ => "",
        };

        if (path is null)
        {
            issues.Add("effective[x]", "the time of the measurement is required: effectiveDateTime, or effectivePeriod with its start.", IssueType.Required);
            return null;
        }

        if (path.Length == 0)
        {
            issues.Add(effective.JsonName!, $"{effective.JsonName} is not supported: give the time of the measurement as effectiveDateTime or effectivePeriod.", IssueType.NotSupported);
            return null;
        }

        if (effective.Text is null)
        {
            issues.Add(path, "the time of the measurement is required.", IssueType.Required);
            return null;
        }

        if (!FhirDateTimeText.TryParse(effective.Text, out var at, out var precision))
        {
            issues.Add(path, $"'{effective.Text}' is not a FHIR dateTime (YYYY-MM-DDThh:mm:ss+zz:zz).", IssueType.Value);
            return null;
        }

        // A reading known to the day (a lab HbA1c, a daily step count) is kept at 00:00 UTC of that day;
        // a year or a month says too little to place it among others.
        if (precision < DateTimePrecision.Day)
        {
            issues.Add(path, "the time of the measurement must give at least the day.", IssueType.Value);
            return null;
        }

        return at.ToUniversalTime();
    }
}
