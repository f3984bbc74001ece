namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>A Bundle holds more entries than one request may carry (413, issue type too-long).</summary>
public sealed class BundleTooLargeException : Exception
{
    public BundleTooLargeException(int entries, int maxEntries)
        : base($"Bundle.entry: this Bundle has {entries} entries, at most {maxEntries} are accepted in one request; send several Bundles.")
    {
        Entries = entries;
        MaxEntries = maxEntries;
    }

    public BundleTooLargeException()
    {
    }

    public BundleTooLargeException(string message)
        : base(message)
    {
    }

    public BundleTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Entries { get; }

    public int MaxEntries { get; }
}
