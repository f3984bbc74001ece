using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Measurements;

/// <summary>When a device reading may have been taken: not in the future (a clock an hour off is tolerated), not decades ago.</summary>
public static class ReadingWindow
{
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(1);

    public static readonly TimeSpan OldestAccepted = TimeSpan.FromDays(366 * 20);

    public static IReadOnlyList<FhirIssue> Check(Reading reading, string path, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.EffectiveAt > now + FutureTolerance)
        {
            return [new FhirIssue($"{path}.effective[x]", "the measurement time is in the future", OperationOutcome.IssueType.Value)];
        }

        return reading.EffectiveAt < now - OldestAccepted
            ? [new FhirIssue($"{path}.effective[x]", "the measurement time is more than 20 years ago", OperationOutcome.IssueType.Value)]
            : [];
    }
}
