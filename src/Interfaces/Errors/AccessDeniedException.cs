namespace MonEspaceSante.Interfaces.Errors;

/// <summary>The caller is authenticated but may not do this (403).</summary>
[GenerateSerializer, Alias("mes.AccessDeniedException")]
public sealed class AccessDeniedException : DomainException
{
    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException()
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
