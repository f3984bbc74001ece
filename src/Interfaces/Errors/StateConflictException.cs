namespace MonEspaceSante.Interfaces.Errors;

/// <summary>The request conflicts with the current state of the resource (409).</summary>
[GenerateSerializer, Alias("mes.StateConflictException")]
public sealed class StateConflictException : DomainException
{
    public StateConflictException(string message)
        : base(message)
    {
    }

    public StateConflictException()
    {
    }

    public StateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
