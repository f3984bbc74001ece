using System.Diagnostics.CodeAnalysis;

namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>What one Observation came to: an accepted reading, or the issues that refuse it.</summary>
public sealed class ObservationReadResult
{
    private ObservationReadResult(PatientReading? accepted, IReadOnlyList<MeasurementIssue> issues)
    {
        Accepted = accepted;
        Issues = issues;
    }

    /// <summary>The reading and its patient; null when refused.</summary>
    public PatientReading? Accepted { get; }

    /// <summary>Why it was refused; empty when accepted.</summary>
    public IReadOnlyList<MeasurementIssue> Issues { get; }

    [MemberNotNullWhen(true, nameof(Accepted))]
    public bool IsAccepted => Accepted is not null;

    internal static ObservationReadResult Accept(PatientReading reading) => new(reading, []);

    internal static ObservationReadResult Refuse(IReadOnlyList<MeasurementIssue> issues) =>
        issues.Count == 0
            ? throw new ArgumentException("A refusal says why.", nameof(issues))
            : new(null, issues);
}
