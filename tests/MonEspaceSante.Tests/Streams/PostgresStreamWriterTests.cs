using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Grains.Storage;
using MonEspaceSante.Grains.Streaming.Postgres;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;
using Orleans.Serialization;

namespace MonEspaceSante.Tests.Streams;

public sealed class PostgresStreamWriterTests
{
    private static IServiceProvider Services(NpgsqlDataSource dataSource) => new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(ProbeEvent).Assembly).AddAssembly(typeof(PostgresStreamMessage).Assembly))
        .AddSingleton(dataSource)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .BuildServiceProvider();

    [Fact]
    public async Task Producing_completes_only_once_the_rows_are_committed()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("writer");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        var services = Services(dataSource);
        var adapter = await PostgresQueueAdapterFactory.Create(services, "mes", new PostgresStreamOptions()).CreateAdapter(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(1, 200).Select(i =>
            adapter.QueueMessageBatchAsync(StreamId.Create("probe", $"k{i % 7}"), new[] { new ProbeEvent(i) }, null, null)));

        // A separate session sees every message as soon as the produce calls returned.
        var serializer = services.GetRequiredService<Serializer<PostgresStreamMessage>>();
        var messages = new List<PostgresStreamMessage>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var rows = new NpgsqlCommand("SELECT payload, dequeued FROM mes_stream_queue", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                reader.GetInt32(1).Should().Be(0);
                messages.AddRange(StreamSegment.Split((byte[])reader[0]).Select(m => serializer.Deserialize(m.ToArray())!));
            }
        }

        messages.Should().HaveCount(200);
        messages.Select(m => m.StreamId.ToString()).Distinct().Should().HaveCount(7);
        messages.SelectMany(m => m.Events).Cast<ProbeEvent>().Select(e => e.Seq).Should().BeEquivalentTo(Enumerable.Range(1, 200));
    }

    [Fact]
    public async Task A_producer_whose_rows_cannot_be_written_gets_the_error()
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");
        var adapter = await PostgresQueueAdapterFactory.Create(Services(unreachable), "mes", new PostgresStreamOptions()).CreateAdapter(CancellationToken.None);

        var act = () => adapter.QueueMessageBatchAsync(StreamId.Create("probe", "k"), new[] { new ProbeEvent(1) }, null, null);

        await act.Should().ThrowAsync<NpgsqlException>();
    }

    [Fact]
    public async Task Producing_at_a_given_sequence_token_is_refused()
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody");
        var adapter = await PostgresQueueAdapterFactory.Create(Services(unreachable), "mes", new PostgresStreamOptions()).CreateAdapter(CancellationToken.None);

        var act = () => adapter.QueueMessageBatchAsync(StreamId.Create("probe", "k"), new[] { new ProbeEvent(1) },
            new Orleans.Providers.Streams.Common.EventSequenceTokenV2(3), null);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*not rewindable*");
    }
}
