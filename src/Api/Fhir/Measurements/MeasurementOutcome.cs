using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>Issues as the OperationOutcome a FHIR client expects: one error issue each, its FHIRPath in <c>expression</c>.</summary>
public static class MeasurementOutcome
{
    public static OperationOutcome From(IEnumerable<MeasurementIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var outcome = new OperationOutcome();
        foreach (var issue in issues)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = issue.Type,
                Diagnostics = issue.Message,
                Expression = [issue.Expression],
            });
        }

        return outcome;
    }
}
