namespace MonEspaceSante.Interfaces.Errors;

/// <summary>
/// A well-formed resource that breaks a rule (422), as R4's create answers: <see cref="Field"/> names the offending
/// element. A body that is not a resource at all stays an <see cref="InvalidInputException"/> (400).
/// </summary>
[GenerateSerializer, Alias("mes.UnprocessableException")]
public sealed class UnprocessableException : DomainException
{
    public UnprocessableException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    public UnprocessableException()
    {
    }

    public UnprocessableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The element (a FHIR path, or a header) that was refused.</summary>
    [Id(0)]
    public string Field { get; private set; } = "";

    /// <summary>Why it was refused.</summary>
    [Id(1)]
    public string Reason { get; private set; } = "";
}
