using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Measurements;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// The measurement rules, applied to the facts of one Observation whichever path read it: status,
/// LOINC code, patient, effective time, value(s) in the code's unit, device and reading key. Every
/// issue is collected, so that one answer lists all that is wrong.
/// </summary>
internal static class ObservationRules
{
    public static PatientReading? Evaluate(ObservationFacts facts, string appId, IssueCollector issues, DeviceDirectory? devices)
    {
        if (facts.HasModifierExtension)
        {
            issues.Add("modifierExtension", "modifier extensions change the meaning of a reading and none is understood here.", IssueType.NotSupported);
        }

        CheckStatus(facts.Status, issues);
        var code = MeasureCodes.Find(facts.Codes, "code.coding", issues);
        var patient = SubjectRules.Read(facts.Subject, issues);
        var effectiveAt = EffectiveRules.Read(facts.Effective, issues);
        var values = code is null ? default : ReadValues(facts, code, issues);
        var device = DeviceOf(facts.Device, devices, issues);
        if (code is null || patient is null || effectiveAt is null || values.Value is null || issues.HasIssues)
        {
            return null;
        }

        var key = ReadingKeys.For(facts.Identifier, device, code.Loinc, effectiveAt.Value, issues);
        if (key is null)
        {
            return null;
        }

        var definition = MeasureCatalogue.For(code.Type);
        var reading = new Reading(
            appId,
            key,
            code.Type,
            code.Loinc,
            effectiveAt.Value,
            (double)values.Value.Value,
            values.Secondary is { } secondary ? (double)secondary : null,
            definition.CanonicalUnit,
            device,
            facts.Source,
            facts.Profiles.Count > 0 ? facts.Profiles : null);
        return new PatientReading(patient.Value, reading);
    }

    private static void CheckStatus(string? status, IssueCollector issues)
    {
        if (status is null)
        {
            issues.Add("status", "the status is required: final, amended or corrected.", IssueType.Required);
        }
        else if (status is not ("final" or "amended" or "corrected"))
        {
            issues.Add("status", $"only final, amended or corrected readings are accepted, not '{status}'.", IssueType.Value);
        }
    }

    private static (decimal? Value, decimal? Secondary) ReadValues(ObservationFacts facts, MeasureCode code, IssueCollector issues)
    {
        var definition = MeasureCatalogue.For(code.Type);
        if (code.Type == MeasureType.BloodPressure)
        {
            return BloodPressureRules.Read(facts, definition, issues);
        }

        var value = QuantityRules.Read(facts.Quantity, facts.OtherValue, "valueQuantity", code, definition.Name, definition.Range, issues);
        return (value, null);
    }

    /// <summary>The device as the app names it: its identifier, else its reference (resolved inside a Bundle), else its display.</summary>
    private static string? DeviceOf(ReferenceFact? device, DeviceDirectory? devices, IssueCollector issues)
    {
        if (device is null)
        {
            return null;
        }

        if (device.Identifier?.Value is { } identifier)
        {
            return identifier;
        }

        if (device.Reference is { } reference)
        {
            if (devices is not null && devices.TryResolve(reference, out var resolved))
            {
                if (resolved.Refused)
                {
                    issues.Add("device.reference", "the Device entry it refers to was refused.", IssueType.Invalid);
                }

                return resolved.Identifier;
            }

            if (reference.StartsWith("urn:", StringComparison.Ordinal))
            {
                var where = devices is null ? "a urn: reference can only point to an entry of the same Bundle" : "it points to no Device entry of this Bundle";
                issues.Add("device.reference", where + ".", IssueType.Invalid);
                return null;
            }

            return reference;
        }

        return device.Display;
    }
}
