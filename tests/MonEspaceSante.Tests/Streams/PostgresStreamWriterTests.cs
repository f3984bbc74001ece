using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Postgres.Streams;
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

    private static async Task<(string ConnectionString, NpgsqlDataSource DataSource)> MigratedDatabaseAsync(string name)
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync(name);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        return (connectionString, dataSource);
    }

    [Fact]
    public async Task Producing_completes_only_once_the_rows_are_committed()
    {
        var (connectionString, dataSource) = await MigratedDatabaseAsync("writer");
        await using var _ = dataSource;
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
    public async Task A_read_never_hands_the_cache_more_than_it_asked_for_and_keeps_the_rest_of_a_row_for_the_next()
    {
        var (connectionString, dataSource) = await MigratedDatabaseAsync("receiver");
        await using var _ = dataSource;
        var services = Services(dataSource);
        var factory = PostgresQueueAdapterFactory.Create(services, "mes", new PostgresStreamOptions { QueueCount = 1 });
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(1, 600).Select(i =>
            adapter.QueueMessageBatchAsync(StreamId.Create("probe", $"k{i}"), new[] { new ProbeEvent(i) }, null, null)));

        // Concurrent producers share rows: at least one row holds more messages than one read may take.
        var perRow = new List<int>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var rows = new NpgsqlCommand("SELECT payload FROM mes_stream_queue", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                perRow.Add(StreamSegment.Split((byte[])reader[0]).Count());
            }
        }

        perRow.Max().Should().BeGreaterThan(50);

        var receiver = adapter.CreateReceiver(factory.GetStreamQueueMapper().GetAllQueues().Single());
        var seen = new List<int>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen.Count < 600 && !deadline.IsCancellationRequested)
        {
            var batch = await receiver.GetQueueMessagesAsync(50, CancellationToken.None);
            batch.Count.Should().BeLessThanOrEqualTo(50);
            seen.AddRange(batch.SelectMany(b => b.GetEvents<ProbeEvent>()).Select(e => e.Item1.Seq));
            await receiver.MessagesDeliveredAsync(batch, CancellationToken.None);
            if (batch.Count == 0)
            {
                await Task.Delay(50);
            }
        }

        seen.Should().BeEquivalentTo(Enumerable.Range(1, 600), "every message is handed over exactly once");
        await using var left = dataSource.CreateCommand("SELECT count(*) FROM mes_stream_queue");
        ((long)(await left.ExecuteScalarAsync())!).Should().Be(0, "a row is deleted once all its messages are delivered");
        await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    [Fact]
    public async Task A_read_cancelled_because_the_partition_moves_returns_nothing_instead_of_failing_and_loses_nothing()
    {
        var (_, dataSource) = await MigratedDatabaseAsync("cancelled");
        await using var _ = dataSource;
        var services = Services(dataSource);
        var factory = PostgresQueueAdapterFactory.Create(services, "mes", new PostgresStreamOptions { QueueCount = 1 });
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            adapter.QueueMessageBatchAsync(StreamId.Create("probe", $"k{i}"), new[] { new ProbeEvent(i) }, null, null)));
        var receiver = adapter.CreateReceiver(factory.GetStreamQueueMapper().GetAllQueues().Single());

        // The pulling agent cancels its read when the silo stops or the queue moves to another silo: an exception here
        // is logged by the agent as an error and retried.
        var cancelled = await receiver.GetQueueMessagesAsync(50, new CancellationToken(canceled: true));
        var seen = new List<int>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen.Count < 10 && !deadline.IsCancellationRequested)
        {
            var batch = await receiver.GetQueueMessagesAsync(50, CancellationToken.None);
            seen.AddRange(batch.SelectMany(b => b.GetEvents<ProbeEvent>()).Select(e => e.Item1.Seq));
            await receiver.MessagesDeliveredAsync(batch, CancellationToken.None);
            await Task.Delay(batch.Count == 0 ? 50 : 0);
        }

        cancelled.Should().BeEmpty();
        seen.Should().BeEquivalentTo(Enumerable.Range(1, 10), "the next read hands over everything");
        await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
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
