using MonEspaceSante.Api.Fhir;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>Picks, among the codings of a CodeableConcept, the LOINC code the catalogue knows.</summary>
internal static class MeasureCodes
{
    /// <summary>The one catalogue code among <paramref name="codings"/>; other codings (SNOMED, other LOINC) are ignored.</summary>
    public static MeasureCode? Find(IReadOnlyList<CodingFact> codings, string path, IssueCollector issues)
    {
        MeasureCode? found = null;
        foreach (var coding in codings)
        {
            if (coding.System != MeasureCatalogue.LoincSystem || !MeasureCatalogue.TryFindCode(coding.Code, out var code))
            {
                continue;
            }

            if (found is not null && found.Loinc != code.Loinc)
            {
                issues.Add(path, $"the codes {found.Loinc} and {code.Loinc} both name a measure: send one per Observation.", IssueType.Invalid);
                return null;
            }

            found = code;
        }

        if (found is null)
        {
            Explain(codings, path, issues);
        }
        else if (found.Type == MonEspaceSante.Interfaces.Measurements.MeasureType.Bmi)
        {
            // As the national measurement API: the body mass index is the service's to compute, from weight and height.
            issues.Add(path, "the body mass index (LOINC 39156-5) cannot be sent: it is computed from the latest weight (29463-7) and height (8302-2) when read.", IssueType.NotSupported);
            return null;
        }

        return found;
    }

    /// <summary>True when one of <paramref name="codings"/> is the LOINC code <paramref name="loinc"/>.</summary>
    public static bool Has(IReadOnlyList<CodingFact> codings, string loinc)
    {
        foreach (var coding in codings)
        {
            if (coding.Code == loinc && coding.System == MeasureCatalogue.LoincSystem)
            {
                return true;
            }
        }

        return false;
    }

    private static void Explain(IReadOnlyList<CodingFact> codings, string path, IssueCollector issues)
    {
        for (var i = 0; i < codings.Count; i++)
        {
            // A known LOINC code under another (or no) system is most likely a forgotten system.
            if (MeasureCatalogue.TryFindCode(codings[i].Code, out _))
            {
                issues.Add($"{path}[{i}].system", $"the code {codings[i].Code} is a LOINC code: its system must be {MeasureCatalogue.LoincSystem}.", IssueType.Invalid);
                return;
            }
        }

        if (codings.Count == 0)
        {
            issues.Add(path, $"a LOINC coding (system {MeasureCatalogue.LoincSystem}) of the measure is required: one of {MeasureCatalogue.KnownCodes}.", IssueType.Required);
            return;
        }

        issues.Add(path, $"no coding names a supported measure: expected a LOINC code (system {MeasureCatalogue.LoincSystem}) among {MeasureCatalogue.KnownCodes}.", IssueType.NotSupported);
    }
}
