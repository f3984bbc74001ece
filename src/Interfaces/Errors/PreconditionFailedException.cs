namespace MonEspaceSante.Interfaces.Errors;

/// <summary>
/// A condition the request set does not hold (412): an <c>If-Match</c> on another version, or an
/// <c>If-None-Exist</c> that matches several resources.
/// </summary>
[GenerateSerializer, Alias("mes.PreconditionFailedException")]
public sealed class PreconditionFailedException : DomainException
{
    public PreconditionFailedException(string message)
        : base(message)
    {
    }

    public PreconditionFailedException()
    {
    }

    public PreconditionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
