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

    /// <summary>
    /// The provider of live feeds (memory streams, explicit subscriptions): what open screens show as it
    /// happens. Best effort by design; the durable record is elsewhere.
    /// </summary>
    public const string Live = "live";

    /// <summary>New readings and alerts of a person (keyed by their grain key), for the live feed.</summary>
    public const string LiveMeasurements = "live-measurements";

    /// <summary>Every namespace of the live feeds: their pub-sub state names the person, and goes with the person's erasure.</summary>
    public static readonly IReadOnlyList<string> LiveNamespaces = [LiveMeasurements, Documents.DocumentStreams.Live];
}
