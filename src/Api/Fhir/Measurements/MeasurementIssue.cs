using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>Why (part of) a measurement was refused, as one OperationOutcome issue.</summary>
/// <param name="Expression">The FHIRPath of the offending element, e.g. <c>Observation.valueQuantity.code</c>.</param>
/// <param name="Message">What is wrong, written for the app's developer; never an INS.</param>
/// <param name="Type">The FHIR issue type (invalid, required, value, not-supported, structure...).</param>
public sealed record MeasurementIssue(string Expression, string Message, OperationOutcome.IssueType Type);
