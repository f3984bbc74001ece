namespace MonEspaceSante.Api.Waves;

/// <summary>The body's content type is not one the endpoint reads (415).</summary>
public sealed class UnsupportedMediaTypeException : Exception
{
    public UnsupportedMediaTypeException(string message)
        : base(message)
    {
    }

    public UnsupportedMediaTypeException()
    {
    }

    public UnsupportedMediaTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
