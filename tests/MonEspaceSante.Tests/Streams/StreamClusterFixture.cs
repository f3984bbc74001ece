using MonEspaceSante.Postgres.Streams;
using MonEspaceSante.Interfaces.Streams;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;
using Orleans.Streams;

namespace MonEspaceSante.Tests.Streams;

/// <summary>A two-silo PostgreSQL cluster whose stream provider gives up and retries quickly.</summary>
public sealed class StreamClusterFixture : PostgresClusterFixture
{
    public override PostgresStreamOptions StreamOptions { get; } = new()
    {
        QueueCount = 4,
        MaxAttempts = 3,
        MaxEventDeliveryTime = TimeSpan.FromSeconds(1),
        DeliveryRetryMinDelay = TimeSpan.FromMilliseconds(50),
        DeliveryRetryMaxDelay = TimeSpan.FromMilliseconds(200),
        RetryDelay = TimeSpan.FromMilliseconds(200),
        VisibilityTimeout = TimeSpan.FromSeconds(15),
        PollInterval = TimeSpan.FromMilliseconds(50),
        MaxIdlePollInterval = TimeSpan.FromMilliseconds(200),
        MaintenanceInterval = TimeSpan.FromMilliseconds(500),
    };

    public IAsyncStream<ProbeEvent> Probe(string key) =>
        Client.GetStreamProvider(StreamNames.Provider).GetStream<ProbeEvent>(StreamId.Create(ProbeLedger.Namespace, key));

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class StreamClusterCollection : ICollectionFixture<StreamClusterFixture>
{
    public const string Name = "stream-cluster";
}
