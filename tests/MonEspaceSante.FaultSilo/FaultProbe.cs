using MonEspaceSante.Postgres.Streams;

namespace MonEspaceSante.FaultSilo;

/// <summary>What the fault-test silos and the test's producer share.</summary>
public static class FaultProbe
{
    public const string Namespace = "fault-probe";

    /// <summary>The stream settings of every process of the fault test (producer and silos must agree).</summary>
    public static PostgresStreamOptions StreamOptions => new()
    {
        QueueCount = 8,
        VisibilityTimeout = TimeSpan.FromSeconds(20),
        PollInterval = TimeSpan.FromMilliseconds(50),
        MaxIdlePollInterval = TimeSpan.FromMilliseconds(200),
        MaxEventDeliveryTime = TimeSpan.FromSeconds(10),
    };

    /// <summary>Consumer-side tables: every delivery is counted; the unique key is the consumer's deduplication.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS fault_probe_applied (
            id         bigserial PRIMARY KEY,
            stream_key text      NOT NULL,
            seq        integer   NOT NULL,
            UNIQUE (stream_key, seq));
        CREATE TABLE IF NOT EXISTS fault_probe_deliveries (
            stream_key text    NOT NULL,
            seq        integer NOT NULL,
            deliveries integer NOT NULL,
            PRIMARY KEY (stream_key, seq));
        """;
}

[GenerateSerializer, Immutable, Alias("mes.faultprobe.Event")]
public sealed record FaultProbeEvent([property: Id(0)] int Seq);
