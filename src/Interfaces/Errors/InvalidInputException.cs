namespace MonEspaceSante.Interfaces.Errors;

/// <summary>The input is malformed or breaks a rule (400). <see cref="Field"/> names the offending field.</summary>
[GenerateSerializer, Alias("mes.InvalidInputException")]
public sealed class InvalidInputException : DomainException
{
    public InvalidInputException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    public InvalidInputException()
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The request field (JSON property, route parameter or FHIR path) that was refused.</summary>
    [Id(0)]
    public string Field { get; private set; } = "";

    /// <summary>Why it was refused.</summary>
    [Id(1)]
    public string Reason { get; private set; } = "";
}
