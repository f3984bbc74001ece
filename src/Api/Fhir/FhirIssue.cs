using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Fhir;

/// <summary>Why (part of) a resource a client sent was refused, as one OperationOutcome issue.</summary>
/// <param name="Expression">The FHIRPath of the offending element, e.g. <c>Observation.valueQuantity.code</c>.</param>
/// <param name="Message">What is wrong, written for the app's developer; never an INS.</param>
/// <param name="Type">The FHIR issue type (invalid, required, value, not-supported, structure...).</param>
public sealed record FhirIssue(string Expression, string Message, OperationOutcome.IssueType Type)
{
    /// <summary>
    /// The status of a refusal for these issues: 400 when the body is not a resource at all (malformed JSON, a wrong
    /// structure), 422 when it is one that breaks a rule (a unit that does not fit the code, an implausible value, a
    /// missing element, an unsupported measure), as R4's create and the national measurement API answer.
    /// </summary>
    public static int StatusOf(IEnumerable<FhirIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return issues.Any(i => i.Type == OperationOutcome.IssueType.Structure) ? 400 : 422;
    }

    /// <summary>The status line of a batch or transaction response entry refused for these issues.</summary>
    public static string StatusLineOf(IEnumerable<FhirIssue> issues) => StatusOf(issues) == 400 ? "400 Bad Request" : "422 Unprocessable Entity";

    /// <summary>Issues as the OperationOutcome a FHIR client expects: one error issue each, its FHIRPath in <c>expression</c>; its id the trace id when given.</summary>
    public static OperationOutcome Outcome(IEnumerable<FhirIssue> issues, string? traceId = null)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var outcome = new OperationOutcome { Id = traceId };
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
