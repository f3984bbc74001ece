namespace MonEspaceSante.Interfaces.Streams;

/// <summary>The stream provider and the stream namespaces of the system.</summary>
public static class StreamNames
{
    /// <summary>The one stream provider: memory streams in the embedded default, PostgreSQL otherwise.</summary>
    public const string Provider = "mes";

    /// <summary>Wave notices and activations fanned out to patient grains (keyed by INS).</summary>
    public const string Enrollment = "enrollment";

    /// <summary>Device readings fanned out to patient grains (keyed by INS).</summary>
    public const string DeviceReadings = "device-readings";
}
