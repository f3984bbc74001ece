using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MonEspaceSante.Postgres.GrainStorage;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace MonEspaceSante.Tests.Storage;

public sealed class PostgresGrainStorageTests : IAsyncLifetime
{
    private NpgsqlDataSource dataSource = null!;
    private PostgresGrainStorage storage = null!;

    public sealed class Counter
    {
        public int Value { get; set; }

        public string? Note { get; set; }
    }

    public async Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("grainstate"));
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        storage = new PostgresGrainStorage("patients", "svc", dataSource,
            new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions())));
    }

    public async Task DisposeAsync()
    {
        await storage.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    private static GrainId Grain(string key) => GrainId.Create("patient", key);

    [Fact]
    public async Task A_written_state_reads_back_with_a_new_etag_each_time()
    {
        var state = new GrainState<Counter>(new Counter { Value = 1, Note = "first" });
        await storage.WriteStateAsync("patient.profile", Grain("a"), state);
        var firstETag = state.ETag;
        state.State!.Value = 2;
        await storage.WriteStateAsync("patient.profile", Grain("a"), state);

        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("patient.profile", Grain("a"), read);

        firstETag.Should().Be("1");
        state.ETag.Should().Be("2");
        read.RecordExists.Should().BeTrue();
        read.ETag.Should().Be("2");
        read.State!.Value.Should().Be(2);
        read.State!.Note.Should().Be("first");
    }

    [Fact]
    public async Task A_missing_state_reads_as_new()
    {
        var read = new GrainState<Counter>();

        await storage.ReadStateAsync("patient.profile", Grain("nobody"), read);

        read.RecordExists.Should().BeFalse();
        read.ETag.Should().BeNull();
        read.State!.Value.Should().Be(0);
    }

    [Fact]
    public async Task A_refused_write_names_the_grain_without_its_key_in_clear()
    {
        const string Ins = "ins:185027512345625";
        await storage.WriteStateAsync("patient.profile", Grain(Ins), new GrainState<Counter>(new Counter { Value = 1 }));

        var refused = () => storage.WriteStateAsync("patient.profile", Grain(Ins), new GrainState<Counter>(new Counter { Value = 2 }));

        var failure = (await refused.Should().ThrowAsync<InconsistentStateException>()).Which;
        failure.Message.Should().NotContain("185027512345625").And.Contain(PostgresGrainStorage.Named(Grain(Ins))).And.StartWith("Grain state patient.profile of patient/#");
        PostgresGrainStorage.Named(Grain(Ins)).Should().NotBe(PostgresGrainStorage.Named(Grain("ins:185027512345626")));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var mine = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync("patient.profile", Grain("b"), mine);
        var stale = new GrainState<Counter>(new Counter { Value = 99 }) { ETag = mine.ETag };
        mine.State!.Value = 2;
        await storage.WriteStateAsync("patient.profile", Grain("b"), mine);

        var act = () => storage.WriteStateAsync("patient.profile", Grain("b"), stale);
        var fresh = () => storage.WriteStateAsync("patient.profile", Grain("b"), new GrainState<Counter>(new Counter { Value = 7 }));

        await act.Should().ThrowAsync<InconsistentStateException>();
        await fresh.Should().ThrowAsync<InconsistentStateException>("a first write must not overwrite an existing state");
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("patient.profile", Grain("b"), read);
        read.State!.Value.Should().Be(2);
    }

    [Fact]
    public async Task A_write_with_an_etag_never_recreates_a_state_deleted_meanwhile()
    {
        var held = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync("patient.profile", Grain("erased"), held);
        await using (var erase = dataSource.CreateCommand("DELETE FROM mes_grain_state WHERE grain_id = 'patient/erased'"))
        {
            (await erase.ExecuteNonQueryAsync()).Should().Be(1, "the erasure deletes the row");
        }

        held.State!.Value = 2;
        var act = () => storage.WriteStateAsync("patient.profile", Grain("erased"), held);

        await act.Should().ThrowAsync<InconsistentStateException>("an activation of before the erasure holds a state that is gone");
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("patient.profile", Grain("erased"), read);
        read.RecordExists.Should().BeFalse();
        await storage.WriteStateAsync("patient.profile", Grain("erased"), new GrainState<Counter>(new Counter { Value = 3 }));
    }

    [Fact]
    public async Task Two_writers_of_one_state_in_the_same_batch_one_wins()
    {
        var first = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync("patient.profile", Grain("c"), first);
        var left = new GrainState<Counter>(new Counter { Value = 10 }) { ETag = first.ETag };
        var right = new GrainState<Counter>(new Counter { Value = 20 }) { ETag = first.ETag };

        var results = await Task.WhenAll(
            Capture(storage.WriteStateAsync("patient.profile", Grain("c"), left)),
            Capture(storage.WriteStateAsync("patient.profile", Grain("c"), right)));

        results.Count(r => r is null).Should().Be(1);
        results.Count(r => r is InconsistentStateException).Should().Be(1);
    }

    [Fact]
    public async Task A_first_write_of_a_state_another_writer_created_meanwhile_is_refused_alone_and_the_rest_of_its_batch_is_written()
    {
        // Another writer created "d" after this activation read it as new (no etag).
        await storage.WriteStateAsync("patient.profile", Grain("d"), new GrainState<Counter>(new Counter { Value = 1 }));
        var late = new GrainState<Counter>(new Counter { Value = 99 });
        var others = Enumerable.Range(0, 200).Select(i => new GrainState<Counter>(new Counter { Value = i })).ToList();

        // Written together: the plain insert of the batch fails on "d", and the batch is written again with the etag check.
        var results = await Task.WhenAll(
            others.Select((o, i) => Capture(storage.WriteStateAsync("patient.profile", Grain($"fresh-{i}"), o)))
                .Append(Capture(storage.WriteStateAsync("patient.profile", Grain("d"), late))));

        results[^1].Should().BeOfType<InconsistentStateException>();
        results[..^1].Should().OnlyContain(r => r == null);
        others.Should().OnlyContain(o => o.ETag == "1");
        var kept = new GrainState<Counter>();
        await storage.ReadStateAsync("patient.profile", Grain("d"), kept);
        kept.State!.Value.Should().Be(1);
        kept.ETag.Should().Be("1");
        var written = new GrainState<Counter>();
        await storage.ReadStateAsync("patient.profile", Grain("fresh-150"), written);
        written.State!.Value.Should().Be(150);
    }

    [Fact]
    public async Task Thousands_of_concurrent_grains_are_all_written_and_read_back()
    {
        var states = Enumerable.Range(0, 3000).Select(i => new GrainState<Counter>(new Counter { Value = i })).ToList();

        await Task.WhenAll(states.Select((s, i) => storage.WriteStateAsync("patient.profile", Grain($"many-{i}"), s)));
        var reads = Enumerable.Range(0, 3000).Select(_ => new GrainState<Counter>()).ToList();
        await Task.WhenAll(reads.Select((r, i) => storage.ReadStateAsync("patient.profile", Grain($"many-{i}"), r)));

        reads.Select(r => r.State!.Value).Should().Equal(Enumerable.Range(0, 3000));
        reads.Should().OnlyContain(r => r.ETag == "1" && r.RecordExists);
    }

    [Fact]
    public async Task Same_key_under_two_grain_types_or_two_state_names_are_two_rows()
    {
        await storage.WriteStateAsync("patient.profile", GrainId.Create("patient", "k"), new GrainState<Counter>(new Counter { Value = 1 }));
        await storage.WriteStateAsync("patient.profile", GrainId.Create("other", "k"), new GrainState<Counter>(new Counter { Value = 2 }));
        await storage.WriteStateAsync("patient.consents", GrainId.Create("patient", "k"), new GrainState<Counter>(new Counter { Value = 3 }));

        var values = new List<int>();
        foreach (var (name, grain) in new[] { ("patient.profile", GrainId.Create("patient", "k")), ("patient.profile", GrainId.Create("other", "k")), ("patient.consents", GrainId.Create("patient", "k")) })
        {
            var read = new GrainState<Counter>();
            await storage.ReadStateAsync(name, grain, read);
            values.Add(read.State!.Value);
        }

        values.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Clearing_removes_the_state()
    {
        var state = new GrainState<Counter>(new Counter { Value = 5 });
        await storage.WriteStateAsync("patient.profile", Grain("d"), state);

        await storage.ClearStateAsync("patient.profile", Grain("d"), state);
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("patient.profile", Grain("d"), read);

        state.RecordExists.Should().BeFalse();
        read.RecordExists.Should().BeFalse();
        await storage.WriteStateAsync("patient.profile", Grain("d"), state);
        state.ETag.Should().Be("1");
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (InconsistentStateException exception)
        {
            return exception;
        }
    }
}
