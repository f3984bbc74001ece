using System.Diagnostics.Metrics;
using MonEspaceSante.Interfaces.Operations;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Streams;

[Collection(StreamClusterCollection.Name)]
public sealed class PostgresStreamTests(StreamClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string NewKey() => $"s-{Guid.NewGuid():N}";

    private Task<long> RowsOfAsync(string key, string table = "mes_stream_queue") =>
        cluster.ScalarAsync($"SELECT count(*) FROM {table} WHERE stream_id = @s", ("s", $"{ProbeLedger.Namespace}/{key}"));

    [Fact]
    public async Task Events_of_each_stream_are_handled_in_the_order_they_were_produced()
    {
        var keys = Enumerable.Range(0, 25).Select(_ => NewKey()).ToList();

        await Task.WhenAll(keys.Select(async key =>
        {
            for (var seq = 1; seq <= 20; seq++)
            {
                await cluster.Probe(key).OnNextAsync(new ProbeEvent(seq));
            }
        }));

        await Eventually.HoldsAsync(() => keys.All(k => ProbeLedger.For(k).Handled.Count >= 20), Patience, "500 events handled");
        foreach (var key in keys)
        {
            ProbeLedger.For(key).Handled.Should().Equal(Enumerable.Range(1, 20), "stream {0} keeps its order", key);
        }
    }

    [Fact]
    public async Task A_batch_produced_at_once_is_handled_in_order()
    {
        var key = NewKey();

        await cluster.Probe(key).OnNextBatchAsync(Enumerable.Range(1, 50).Select(i => new ProbeEvent(i)).ToList());

        await Eventually.HoldsAsync(() => ProbeLedger.For(key).Handled.Count >= 50, Patience, "the batch handled");
        ProbeLedger.For(key).Handled.Should().Equal(Enumerable.Range(1, 50));
    }

    [Fact]
    public async Task Events_sent_to_many_streams_at_once_reach_each_consumer_once()
    {
        var keys = Enumerable.Range(0, 300).Select(_ => NewKey()).ToList();

        var atOnce = await cluster.Client.GetGrain<IStreamProbeGrain>(NewKey()).SendToAsync(keys, 7);

        atOnce.Should().BeTrue("the PostgreSQL provider writes a page of events in one go");
        await Eventually.HoldsAsync(() => keys.All(k => ProbeLedger.For(k).Handled.Count >= 1), Patience, "300 events handled");

        // Once the queue is empty nothing is left to redeliver: each was handled exactly once.
        await Eventually.HoldsAsync(async () => await cluster.ScalarAsync("SELECT count(*) FROM mes_stream_queue") == 0, Patience, "the queue drained");
        keys.Should().AllSatisfy(k => ProbeLedger.For(k).Handled.Should().Equal([7]));
    }

    [Fact]
    public async Task Delivered_events_are_deleted_from_the_queue()
    {
        var key = NewKey();
        for (var seq = 1; seq <= 10; seq++)
        {
            await cluster.Probe(key).OnNextAsync(new ProbeEvent(seq));
        }

        await Eventually.HoldsAsync(() => ProbeLedger.For(key).Handled.Count == 10, Patience, "10 events handled");
        await Eventually.HoldsAsync(async () => await RowsOfAsync(key) == 0, Patience, "the delivered rows deleted");
        (await RowsOfAsync(key, "mes_stream_dead_letter")).Should().Be(0);
    }

    [Fact]
    public async Task A_handler_that_throws_sees_the_event_again_until_it_succeeds_before_the_next_one()
    {
        var key = NewKey();

        // Within MaxEventDeliveryTime the agent retries the event and holds the stream behind it.

        await cluster.Probe(key).OnNextAsync(new ProbeEvent(1, ProbeBehavior.FailTimes, 2));
        await cluster.Probe(key).OnNextAsync(new ProbeEvent(2));

        await Eventually.HoldsAsync(() => ProbeLedger.For(key).Handled.Count == 2, Patience, "both events handled");
        ProbeLedger.For(key).InvocationsOf(1).Should().Be(3);
        ProbeLedger.For(key).Handled.Should().Equal(1, 2);
    }

    [Fact]
    public async Task An_event_the_agent_gave_up_on_is_leased_again_from_postgresql_and_handled()
    {
        var key = NewKey();

        // Fails for longer than MaxEventDeliveryTime (1 s): the agent gives up, the row goes back
        // to the queue and is leased again, after the events that followed it.
        await cluster.Probe(key).OnNextAsync(new ProbeEvent(1, ProbeBehavior.FailForMilliseconds, 1500));
        await cluster.Probe(key).OnNextAsync(new ProbeEvent(2));

        await Eventually.HoldsAsync(() => ProbeLedger.For(key).Handled.Count == 2, Patience, "both events handled, the first after redelivery");
        ProbeLedger.For(key).Handled.Should().Equal(2, 1);
        await Eventually.HoldsAsync(async () => await RowsOfAsync(key) == 0, Patience, "the row deleted once handled");
        (await RowsOfAsync(key, "mes_stream_dead_letter")).Should().Be(0);
    }

    [Fact]
    public async Task An_event_that_keeps_failing_goes_to_the_dead_letters_and_the_stream_goes_on()
    {
        var key = NewKey();

        await cluster.Probe(key).OnNextAsync(new ProbeEvent(1, ProbeBehavior.AlwaysFail));
        await cluster.Probe(key).OnNextAsync(new ProbeEvent(2));

        await Eventually.HoldsAsync(async () => await RowsOfAsync(key, "mes_stream_dead_letter") == 1, Patience, "the poison event dead-lettered");
        await Eventually.HoldsAsync(() => ProbeLedger.For(key).Handled.Count == 1, Patience, "the next event handled");
        ProbeLedger.For(key).Handled.Should().Equal(2);
        ProbeLedger.For(key).InvocationsOf(1).Should().BeGreaterThanOrEqualTo(cluster.StreamOptions.MaxAttempts);
        await Eventually.HoldsAsync(async () => await RowsOfAsync(key) == 0, Patience, "nothing of the stream left in the queue");
        (await cluster.ScalarAsync(
            "SELECT dequeued FROM mes_stream_dead_letter WHERE stream_id = @s", ("s", $"{ProbeLedger.Namespace}/{key}")))
            .Should().Be(cluster.StreamOptions.MaxAttempts);
    }

    [Fact]
    public async Task Operators_see_a_dead_letter_and_can_requeue_it()
    {
        var key = NewKey();
        var operations = cluster.Client.GetGrain<IStreamOperationsGrain>(0);
        await cluster.Probe(key).OnNextAsync(new ProbeEvent(1, ProbeBehavior.AlwaysFail));
        await Eventually.HoldsAsync(async () => await RowsOfAsync(key, "mes_stream_dead_letter") == 1, Patience, "the poison event dead-lettered");

        var letter = (await operations.GetDeadLettersAsync(500, null)).Single(d => d.Stream == $"{ProbeLedger.Namespace}/{key}");
        var requeued = await operations.RequeueAsync(letter.Id);

        letter.Reason.Should().Be($"a consumer failed on it {cluster.StreamOptions.MaxAttempts} times");
        letter.Attempts.Should().Be(cluster.StreamOptions.MaxAttempts);
        letter.PayloadBytes.Should().BePositive();
        requeued.Should().BeTrue();
        (await operations.RequeueAsync(letter.Id)).Should().BeFalse("it is no longer a dead letter");
        var invocationsBefore = ProbeLedger.For(key).InvocationsOf(1);
        await Eventually.HoldsAsync(() => ProbeLedger.For(key).InvocationsOf(1) > invocationsBefore, Patience, "the requeued event delivered again");
        await Eventually.HoldsAsync(async () => (await operations.GetDeadLettersAsync(500, null)).Any(d => d.Stream == letter.Stream && d.Id != letter.Id),
            Patience, "the still-failing event dead-lettered again, as a new row");
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_goes_to_the_dead_letters_instead_of_blocking_its_partition()
    {
        var key = NewKey();
        var stream = $"{ProbeLedger.Namespace}/{key}";
        await cluster.ScalarAsync(
            "INSERT INTO mes_stream_queue (provider, queue_id, stream_id, payload) VALUES ('mes', 0, @s, '\\x00ff00ff'::bytea) RETURNING id",
            ("s", stream));

        await Eventually.HoldsAsync(async () => await RowsOfAsync(key, "mes_stream_dead_letter") == 1, Patience, "the unreadable row dead-lettered");

        var letter = (await cluster.Client.GetGrain<IStreamOperationsGrain>(0).GetDeadLettersAsync(500, null)).Single(d => d.Stream == stream);
        letter.Reason.Should().StartWith("payload cannot be read");
        await Eventually.HoldsAsync(async () => await RowsOfAsync(key) == 0, Patience, "the unreadable row gone from the queue");
    }

    [Fact]
    public async Task Queue_report_and_metrics_follow_the_traffic()
    {
        var measurements = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MonEspaceSante.Postgres.PostgresMeters.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.Start();
        var key = NewKey();

        for (var seq = 1; seq <= 5; seq++)
        {
            await cluster.Probe(key).OnNextAsync(new ProbeEvent(seq));
        }

        await Eventually.HoldsAsync(async () => await RowsOfAsync(key) == 0 && ProbeLedger.For(key).Handled.Count == 5, Patience, "5 events delivered and deleted");
        measurements.GetValueOrDefault("mes.streams.enqueued").Should().BeGreaterThanOrEqualTo(5);
        measurements.GetValueOrDefault("mes.streams.delivered").Should().BeGreaterThanOrEqualTo(5);
        var report = await cluster.Client.GetGrain<IStreamOperationsGrain>(0).GetReportAsync();
        report.Backend.Should().Be("Postgres");
        report.Partitions.Select(p => p.Partition).Should().Equal(Enumerable.Range(0, cluster.StreamOptions.QueueCount));
    }
}
