namespace MonEspaceSante.Interfaces.Errors;

/// <summary>
/// The base of every error the domain raises on purpose. Each concrete type maps to one HTTP status
/// and one FHIR issue type in the API's single error table; its message is written for the caller
/// and never carries an INS or health data.
/// </summary>
[GenerateSerializer, Alias("mes.DomainException")]
public abstract class DomainException : Exception
{
    protected DomainException(string message)
        : base(message)
    {
    }

    protected DomainException()
    {
    }

    protected DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
