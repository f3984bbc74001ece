namespace MonEspaceSante.Interfaces.Errors;

/// <summary>The feature needs a part this deployment does not run (503), e.g. PostgreSQL tables in the embedded default without PostgreSQL.</summary>
[GenerateSerializer, Alias("mes.FeatureUnavailableException")]
public sealed class FeatureUnavailableException : DomainException
{
    public FeatureUnavailableException(string message)
        : base(message)
    {
    }

    public FeatureUnavailableException()
    {
    }

    public FeatureUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
