namespace MonEspaceSante.Interfaces.Errors;

/// <summary>The resource does not exist, or is not visible to the caller (404).</summary>
[GenerateSerializer, Alias("mes.ResourceNotFoundException")]
public sealed class ResourceNotFoundException : DomainException
{
    public ResourceNotFoundException(string message)
        : base(message)
    {
    }

    public ResourceNotFoundException()
    {
    }

    public ResourceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
