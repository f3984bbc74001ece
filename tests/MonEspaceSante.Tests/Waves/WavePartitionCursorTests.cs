using Microsoft.Extensions.Logging.Abstractions;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;

namespace MonEspaceSante.Tests.Waves;

/// <summary>A partition's pass through its people, in upload order, against uploads that land during it.</summary>
public sealed class WavePartitionCursorTests : IAsyncLifetime
{
    private const string WaveId = "w-cursor";
    private NpgsqlDataSource dataSource = null!;
    private WaveStore store = null!;

    public async Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync("cursor"));
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync();
        store = new WaveStore(dataSource);
        await store.CreateAsync(WaveId, new WaveDefinition("Curseur", "31", TimeSpan.FromDays(42), null), 1, DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    private Task<WaveUploadResult> UploadAsync(string uploadId, IEnumerable<Ins> people) =>
        store.AcceptAsync(new WaveUploadBatch(WaveId, uploadId, people.Select((ins, i) => new WaveLine(i + 1, ins.Value, $"{ins.Value}@example.fr", null, null, null)).ToList(), []), 1);

    [Fact]
    public async Task Pages_come_in_upload_order_and_the_cursor_moves_past_each()
    {
        var people = Enumerable.Range(0, 5).Select(_ => TestIns.Next()).Reverse().ToList();
        await UploadAsync("u1", people.Take(3));
        await UploadAsync("u2", people.Skip(3));

        var cursor = (await store.CursorAsync(WaveId, 0, WavePhase.Notifying))!;
        var first = await store.NextToDispatchAsync(WaveId, 0, WavePhase.Notifying, cursor.Seq, 3);
        (await store.AdvanceAsync(WaveId, 0, WavePhase.Notifying, cursor, first[^1].Seq)).Should().BeTrue();
        var rest = await store.NextToDispatchAsync(WaveId, 0, WavePhase.Notifying, first[^1].Seq, 3);

        // u1's lines are written in INS order; u2's after them.
        first.Select(m => m.Ins).Should().Equal(people.Take(3).Select(i => i.Value).Order(StringComparer.Ordinal));
        rest.Select(m => m.Ins).Should().Equal(people.Skip(3).Select(i => i.Value).Order(StringComparer.Ordinal));
        (await store.CursorAsync(WaveId, 0, WavePhase.Notifying)).Should().Be(new PartitionCursor(first[^1].Seq, 0));
    }

    [Fact]
    public async Task A_page_read_before_an_upload_committed_does_not_move_the_cursor_and_the_pass_resumes_before_the_new_people()
    {
        var early = Enumerable.Range(0, 3).Select(_ => TestIns.Next()).ToList();
        await UploadAsync("u1", early);
        var cursor = (await store.CursorAsync(WaveId, 0, WavePhase.Notifying))!;
        var page = await store.NextToDispatchAsync(WaveId, 0, WavePhase.Notifying, cursor.Seq, 100);

        // An upload commits after the page was read. Here its people come after the page; with seqs
        // taken before commit by concurrent writers, they may as well sit behind it, and the pass
        // cannot tell: it must not move its cursor.
        var late = TestIns.Next();
        await UploadAsync("u2", [late]);
        var moved = await store.AdvanceAsync(WaveId, 0, WavePhase.Notifying, cursor, page[^1].Seq);
        var stored = (await store.CursorAsync(WaveId, 0, WavePhase.Notifying))!;
        var again = await store.NextToDispatchAsync(WaveId, 0, WavePhase.Notifying, stored.Seq, 100);

        page.Should().HaveCount(3);
        moved.Should().BeFalse();
        stored.Should().Be(new PartitionCursor(0, 1));
        again.Select(m => m.Ins).Should().Equal([.. early.Select(i => i.Value).Order(StringComparer.Ordinal), late.Value]);
        (await store.AdvanceAsync(WaveId, 0, WavePhase.Notifying, stored, again[^1].Seq)).Should().BeTrue();
        (await store.AdvanceAsync(WaveId, 0, WavePhase.Notifying, stored with { Seq = again[^1].Seq }, null)).Should().BeTrue();
        (await store.CursorAsync(WaveId, 0, WavePhase.Notifying)).Should().BeNull();
    }

    [Fact]
    public async Task Launching_creates_the_partitions_passes_so_that_an_upload_right_after_reopens_them()
    {
        await UploadAsync("u1", Enumerable.Range(0, 3).Select(_ => TestIns.Next()));

        await store.SetPhaseAsync(WaveId, WavePhase.Notifying, DateTimeOffset.UtcNow);
        await using (var count = dataSource.CreateCommand("SELECT count(*) FROM mes_wave_partition WHERE wave_id = @w AND phase = 'Notifying'"))
        {
            count.Parameters.AddWithValue("w", WaveId);
            ((long)(await count.ExecuteScalarAsync())!).Should().Be(1);
        }

        // Before any partition ran: the upload still finds the pass to reopen, so a partition that
        // reads its first page now cannot step over people committed behind it.
        await UploadAsync("u2", [TestIns.Next()]);

        (await store.CursorAsync(WaveId, 0, WavePhase.Notifying)).Should().Be(new PartitionCursor(0, 1));
    }

    [Fact]
    public async Task A_batch_that_reaches_the_wave_after_its_deadline_phase_began_is_refused_whole()
    {
        await UploadAsync("u1", [TestIns.Next()]);
        await store.SetPhaseAsync(WaveId, WavePhase.Opening, DateTimeOffset.UtcNow);

        var late = () => UploadAsync("u2", Enumerable.Range(0, 1200).Select(_ => TestIns.Next()));

        await late.Should().ThrowAsync<StateConflictException>().WithMessage("*deadline*passed*");
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM mes_wave_member WHERE wave_id = @w");
        count.Parameters.AddWithValue("w", WaveId);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(1);
        (await store.FindAsync(WaveId))!.Members.Should().Be(1);
    }
}
