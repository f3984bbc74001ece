using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.Postgres.Streams;
using MonEspaceSante.Interfaces.Streams;
using Npgsql;
using NpgsqlTypes;
using Orleans.Serialization;
using Spectre.Console;

namespace MonEspaceSante.Benchmarks.Streams;

/// <summary>
/// Produce-to-consume throughput of the PostgreSQL stream provider with many distinct streams, on
/// one silo, against the raw multi-row INSERT rate of the same rows on the same server (the ceiling).
/// </summary>
public static class StreamBenchmark
{
    public const string Namespace = "bench";

    public static async Task<int> RunAsync(int streams, int perStream, int producers, bool memory = false, bool noConsumer = false, int deliveryBatch = 1, int eventsPerCall = 1)
    {
        var total = streams * perStream;
        var options = new PostgresStreamOptions { QueueCount = 8, DeliveryBatchSize = deliveryBatch };
        var progress = new StreamProgress(streams, perStream);
        AnsiConsole.MarkupLine($"[bold]Streams benchmark[/]: {total:N0} events on {streams:N0} streams, {eventsPerCall} per produce call, {producers} producers, {options.QueueCount} partitions");
        await using var silo = await BenchSilo.StartAsync(options, services => services.AddSingleton(progress), memory ? MonEspaceSante.Grains.Streaming.StreamsBackend.Memory : MonEspaceSante.Grains.Streaming.StreamsBackend.Postgres);

        var payloadBytes = SamplePayloadSize(silo.Services, streams, perStream);
        var insertCeiling = await MeasureInsertCeilingAsync(silo.Data, total, payloadBytes, options.QueueCount);
        AnsiConsole.MarkupLine($"ceiling: multi-row INSERT {insertCeiling:N0} rows/s ({payloadBytes} B payload)");

        var writerAlone = await MeasureWriterAsync(silo, options, total, payloadBytes, producers);
        AnsiConsole.MarkupLine($"writer alone: {writerAlone:N0} rows/s");

        await StatementReport.ResetAsync(silo.Data);
        var provider = silo.Client.GetStreamProvider(StreamNames.Provider);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var first = 1; first <= perStream; first += eventsPerCall)
            {
                for (var s = p; s < streams; s += producers)
                {
                    var stream = provider.GetStream<BenchEvent>(StreamId.Create(noConsumer ? "nobody" : Namespace, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    var now = Stopwatch.GetTimestamp();
                    if (eventsPerCall == 1)
                    {
                        await stream.OnNextAsync(new BenchEvent(s, first, now));
                    }
                    else
                    {
                        var last = Math.Min(perStream, first + eventsPerCall - 1);
                        await stream.OnNextBatchAsync(Enumerable.Range(first, last - first + 1).Select(seq => new BenchEvent(s, seq, now)).ToList());
                    }
                }
            }
        })));
        var produceSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        AnsiConsole.MarkupLine($"produced and acknowledged in {produceSeconds:0.0} s; waiting for consumers...");

        var waitStarted = Stopwatch.GetTimestamp();
        while (!noConsumer && progress.Distinct < total && Stopwatch.GetElapsedTime(waitStarted) < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(200);
        }

        var endToEndSeconds = (progress.LastHandledAt - started) / (double)Stopwatch.Frequency;
        var drained = await WaitForDrainAsync(silo.Data, TimeSpan.FromSeconds(60));
        await StatementReport.PrintAsync(silo.Data, "PostgreSQL time by statement, produce to drain");
        var idle = await MeasureIdleTransactionsAsync(silo.Data, TimeSpan.FromSeconds(5));
        var endToEnd = progress.Distinct / endToEndSeconds;

        new ResultTable($"Streams: {total:N0} events, {streams:N0} streams, {eventsPerCall} event(s) per produce call, 1 silo, {options.QueueCount} partitions, PostgreSQL 15 durable (fsync on), WAL compressed (lz4)")
            .Add("ceiling: multi-row INSERT of the same rows (8 connections x 1000 rows)", insertCeiling, "rows/s", "measured in this run")
            .Add("stream writer alone (group commit, binary COPY)", writerAlone, "rows/s", $"{producers} concurrent writers, no Orleans")
            .Add("produce (acknowledged after commit)", total / produceSeconds, "events/s", $"{producers} concurrent producers")
            .Add("end to end, produce to consume", endToEnd, "events/s", $"{100 * endToEnd / insertCeiling:0.#}% of the ceiling")
            .Add("lag produce to consume, p50", progress.Latency.PercentileMilliseconds(50), "ms")
            .Add("lag produce to consume, p99", progress.Latency.PercentileMilliseconds(99), "ms")
            .Add("events handled / produced", $"{progress.Distinct:N0} / {total:N0}", progress.Distinct == total ? "none lost" : "MISSING EVENTS")
            .Add("duplicates, out of order", $"{progress.Duplicates:N0}, {progress.OutOfOrder:N0}")
            .Add("rows left in the queue after drain", $"{drained:N0}")
            .Add("idle polling", idle, "transactions/s", $"whole server, {options.QueueCount} idle partitions")
            .Print();
        return progress.Distinct == total && drained == 0 ? 0 : 1;
    }

    private static int SamplePayloadSize(IServiceProvider services, int streams, int perStream)
    {
        var serializer = services.GetRequiredService<Serializer<PostgresStreamMessage>>();
        var sample = new PostgresStreamMessage
        {
            StreamId = StreamId.Create(Namespace, (streams - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Events = [new BenchEvent(streams - 1, perStream, Stopwatch.GetTimestamp())],
        };
        return serializer.SerializeToArray(sample).Length;
    }

    private static async Task<double> MeasureInsertCeilingAsync(NpgsqlDataSource dataSource, int rows, int payloadBytes, int queues)
    {
        await using (var create = dataSource.CreateCommand(
            "DROP TABLE IF EXISTS bench_ceiling; CREATE TABLE bench_ceiling (LIKE mes_stream_queue INCLUDING ALL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        const int batch = 1000;
        const int connections = 8;
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var batches = (rows + batch - 1) / batch;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                var count = Math.Min(batch, rows - (b * batch));
                var queueIds = new int[count];
                var streamIds = new string[count];
                var payloads = new byte[count][];
                for (var i = 0; i < count; i++)
                {
                    var n = (b * batch) + i;
                    queueIds[i] = n % queues;
                    streamIds[i] = $"{Namespace}/{n}";
                    payloads[i] = payload;
                }

                await using var insert = new NpgsqlCommand(
                    "INSERT INTO bench_ceiling (provider, queue_id, stream_id, payload) SELECT 'mes', * FROM unnest(@q, @s, @p)", connection);
                insert.Parameters.AddWithValue("q", queueIds);
                insert.Parameters.AddWithValue("s", streamIds);
                insert.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = payloads });
                await insert.ExecuteNonQueryAsync();
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await using (var drop = dataSource.CreateCommand("DROP TABLE bench_ceiling"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        return rows / seconds;
    }

    private static async Task<double> MeasureWriterAsync(BenchSilo silo, PostgresStreamOptions options, int rows, int payloadBytes, int writers)
    {
        // A provider name no silo reads, so that the rows stay; removed afterwards.
        var writer = new PostgresStreamWriter("bench-writer", silo.Data, options, new PostgresStreamMetrics("bench-writer"),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var payload = new byte[payloadBytes];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < rows)
            {
                await writer.WriteAsync(n % options.QueueCount, $"{Namespace}/{n}", payload);
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await writer.DisposeAsync();
        await using var delete = silo.Data.CreateCommand("DELETE FROM mes_stream_queue WHERE provider = 'bench-writer'");
        await delete.ExecuteNonQueryAsync();
        return rows / seconds;
    }

    private static async Task<long> WaitForDrainAsync(NpgsqlDataSource dataSource, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        long left;
        do
        {
            await using var count = dataSource.CreateCommand("SELECT count(*) FROM mes_stream_queue");
            left = (long)(await count.ExecuteScalarAsync())!;
            if (left > 0)
            {
                await Task.Delay(250);
            }
        }
        while (left > 0 && Stopwatch.GetElapsedTime(started) < timeout);
        return left;
    }

    private static async Task<double> MeasureIdleTransactionsAsync(NpgsqlDataSource dataSource, TimeSpan window)
    {
        async Task<long> CommitsAsync()
        {
            await using var command = dataSource.CreateCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()");
            return (long)(await command.ExecuteScalarAsync())!;
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = await CommitsAsync();
        await Task.Delay(window);
        var after = await CommitsAsync();

        // The two statistics queries count themselves.
        return (after - before - 1) / window.TotalSeconds;
    }
}
