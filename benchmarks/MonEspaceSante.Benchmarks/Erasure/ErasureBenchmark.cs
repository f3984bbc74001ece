using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.Benchmarks.Waves;
using MonEspaceSante.Grains;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Erasure;
using MonEspaceSante.Grains.Jobs;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Postgres.Streams;
using Npgsql;

namespace MonEspaceSante.Benchmarks.Erasure;

/// <summary>
/// The nightly erasure job on people whose early erasure is due (each asked through their grain, then 500 per transaction
/// over every person table, contents freed, tombstones), against its ceiling in the same run: a plain <c>DELETE</c> of the
/// same rows of as many other people, in the same batches, with no grain, no content check and no tombstone. Each person
/// has their space's state, 20 readings, 5 history lines, 2 notices, a wave membership and a document with its content.
/// </summary>
public static class ErasureBenchmark
{
    private const int Readings = 20;
    private const int HistoryLines = 5;

    public static async Task RunAsync(int people)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await BenchSilo.StartAsync(new PostgresStreamOptions(), services => services.UseDomainClock(clock));
        var erased = Enumerable.Range(0, people).Select(n => SyntheticPeople.Of(n).Ins).ToArray();
        var deleted = Enumerable.Range(people, people).Select(n => SyntheticPeople.Of(n).Ins).ToArray();
        Console.WriteLine($"Erasure benchmark: {people:N0} people erased by the job, {people:N0} deleted plainly");

        long done = 0;
        await using (new PhaseProgress("setup", people, () => Interlocked.Read(ref done), TimeSpan.FromSeconds(10)))
        {
            await Parallel.ForEachAsync(erased, new ParallelOptions { MaxDegreeOfParallelism = 128 }, async (ins, _) =>
            {
                var holder = new Accessor(AccessorRole.Patient, ins, "bench");
                var grain = silo.Client.GetGrain<IPatientGrain>(PatientKey.From(Ins.Parse(ins)));
                await grain.ActivateAsync(holder);
                await grain.RequestErasureAsync(holder);
                Interlocked.Increment(ref done);
            });
        }

        await CopyGrainStatesAsync(silo.Data, erased, deleted);
        await ExecuteAsync(silo.Data, """
            INSERT INTO mes_wave (wave_id, name, territory, opposition_window, partitions, phase, created_at)
            VALUES ('w-bench', 'Benchmark', '31', interval '42 days', 1, 'Completed', now())
            """);
        // The two sets' rows alternate by chunk, so that neither phase finds its pages more often in memory than the other.
        foreach (var (mine, theirs) in erased.Chunk(5000).Zip(deleted.Chunk(5000)))
        {
            await FillAsync(silo.Data, mine);
            await FillAsync(silo.Data, theirs);
        }

        var rowsEach = await RowsAsync(silo.Data, erased) / (double)people;
        await ExecuteAsync(silo.Data, "VACUUM ANALYZE");
        var cpu = new CpuMeter(silo.ServerDataDirectory);

        // The plain deletes take their people in the job's order (by due date): the same batches of the same pages. In fill
        // order they would find a batch's rows on a few pages, where the job finds them scattered, one row a page.
        var position = erased.Select((ins, i) => (ins, i)).ToDictionary(p => p.ins, p => p.i);
        var plainOrder = (await DueOrderAsync(silo.Data)).Select(ins => deleted[position[ins]]).ToArray();

        // The job first, then the plain deletes: the phase that runs second finds more of the indexes' upper pages in memory.
        clock.Advance(EnrollmentLifecycle.ErasureRequestDelay + TimeSpan.FromDays(1));
        var job = new ErasureJob(silo.Services.GetRequiredService<ErasureStore>(), silo.Client, new DailyJobSettings(), clock);
        await ExecuteAsync(silo.Data, "CHECKPOINT");
        await StatementReport.ResetAsync(silo.Data);
        var jobStart = cpu.Take();
        var summary = await job.RunAsync(DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        var run = cpu.Take().Since(jobStart);
        await StatementReport.PrintAsync(silo.Data, "PostgreSQL time by statement, the erasure job", top: 14);

        await ExecuteAsync(silo.Data, "CHECKPOINT");
        await StatementReport.ResetAsync(silo.Data);
        var plainStart = cpu.Take();
        foreach (var batch in plainOrder.Chunk(ErasureJob.PeoplePerBatch))
        {
            await PlainDeleteAsync(silo.Data, batch);
        }

        var plain = cpu.Take().Since(plainStart);
        await StatementReport.PrintAsync(silo.Data, "PostgreSQL time by statement, the plain deletes", top: 8);

        var left = await RowsAsync(silo.Data, erased) + await RowsAsync(silo.Data, deleted);
        var tombstones = await CountAsync(silo.Data, "SELECT count(*) FROM mes_erasure_tombstone");
        new ResultTable($"Erasure: {people:N0} people, {rowsEach:0.#} rows each over the person tables, {ErasureJob.PeoplePerBatch} per transaction")
            .Add("erasure job (grain asked, every person table, contents, tombstone)", people / run.Wall, "people/s", $"{run.Dotnet / run.Wall:0.00} + {run.Postgres / run.Wall:0.00} cores (dotnet + PostgreSQL)")
            .Add("ceiling: plain DELETE of the same rows of as many people", people / plain.Wall, "people/s", $"{plain.Postgres / plain.Wall:0.00} PostgreSQL cores")
            .Add("share of the ceiling", 100 * plain.Wall / run.Wall, "%")
            .Add("job summary", summary)
            .Add("person rows left afterwards", left, "", "expected 0")
            .Add("tombstones", tombstones, "", $"expected {people:#,0}")
            .Print();
    }

    /// <summary>The plainly deleted people get the same space state as the erased ones (closed, erasure requested).</summary>
    private static Task CopyGrainStatesAsync(NpgsqlDataSource data, string[] from, string[] to) => ExecuteAsync(data, """
        INSERT INTO mes_grain_state (grain_id, state_name, service_id, etag, payload)
        SELECT 'patient/ins:' || m.target, s.state_name, s.service_id, s.etag, s.payload
        FROM unnest(@from, @to) AS m(source, target) JOIN mes_grain_state s ON s.grain_id = 'patient/ins:' || m.source
        """, ("from", from), ("to", to));

    private static async Task FillAsync(NpgsqlDataSource data, string[] batch)
    {
        var keys = batch.Select(InsMask.Mask).ToArray();
        await ExecuteAsync(data, "SELECT mes_ensure_measurement_partition(date '2026-11-01')");
        await ExecuteAsync(data, $"""
            INSERT INTO mes_measurement (ins, type, effective_at, app_id, reading_key, value, code, observation_id)
            SELECT p, 1, timestamptz '2026-11-02 00:00Z' + g * interval '5 minutes', 'bench-cgm', 'r' || g, 100 + g, '2339-0', gen_random_uuid()
            FROM unnest(@people) p CROSS JOIN generate_series(1, {Readings}) g
            """, ("people", batch));
        await ExecuteAsync(data, $"""
            INSERT INTO mes_access_history (ins, actor_role, actor_id, action, resource, how)
            SELECT p, 'Professional', '10001234567', 'read', 'document ' || g, 'fhir' FROM unnest(@people) p CROSS JOIN generate_series(1, {HistoryLines}) g
            """, ("people", batch));
        await ExecuteAsync(data, """
            INSERT INTO mes_outbox (dedup_key, kind, channel, email, person_key)
            SELECT 'bench:' || k || ':' || g, 'NewMessage', 'Email', 'personne@example.org', k FROM unnest(@keys) k CROSS JOIN generate_series(1, 2) g
            """, ("keys", keys));
        await ExecuteAsync(data, """
            INSERT INTO mes_wave_member (wave_id, ins, partition, channel, email, upload_id, line_no) SELECT 'w-bench', p, 0, 'Email', 'personne@example.org', 'u', 1 FROM unnest(@people) p
            """, ("people", batch));
        await ExecuteAsync(data, """
            WITH d AS (SELECT p, gen_random_uuid() AS id, md5(p) AS sha FROM unnest(@people) p),
                 c AS (INSERT INTO mes_document_content (sha256, media_type, size, content) SELECT sha, 'application/pdf', 9, '%PDF-1.7 ' FROM d)
            INSERT INTO mes_document_locator (document_id, ins, sha256) SELECT id, p, sha FROM d
            """, ("people", batch));
    }

    private static async Task PlainDeleteAsync(NpgsqlDataSource data, string[] batch)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var erasure = new NpgsqlCommand("SET LOCAL mes.erasure = 'on'", connection, transaction))
        {
            await erasure.ExecuteNonQueryAsync();
        }

        foreach (var (table, where) in PlainTables)
        {
            await using var delete = new NpgsqlCommand($"DELETE FROM {table} WHERE {where}", connection, transaction);
            delete.Parameters.AddWithValue("people", batch);
            delete.Parameters.AddWithValue("keys", batch.Select(InsMask.Mask).ToArray());
            delete.Parameters.AddWithValue("grains", batch.Select(i => "patient/ins:" + i).ToArray());
            await delete.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>The tables the benchmark fills, and its people's rows in each.</summary>
    private static readonly (string Table, string Where)[] PlainTables =
    [
        ("mes_grain_state", "grain_id = ANY(@grains)"),
        ("mes_measurement", "ins = ANY(@people)"),
        ("mes_access_history", "ins = ANY(@people)"),
        ("mes_outbox", "person_key = ANY(@keys)"),
        ("mes_wave_member", "(wave_id, ins) IN (SELECT w.wave_id, p FROM mes_wave w CROSS JOIN unnest(@people) p)"),
        ("mes_document_content", "sha256 IN (SELECT sha256 FROM mes_document_locator WHERE ins = ANY(@people))"),
        ("mes_document_locator", "ins = ANY(@people)"),
    ];

    private static async Task<List<string>> DueOrderAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("SELECT ins FROM mes_erasure_due ORDER BY due_at, ins");
        var order = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            order.Add(reader.GetString(0));
        }

        return order;
    }

    private static async Task<long> RowsAsync(NpgsqlDataSource data, string[] people)
    {
        long rows = 0;
        foreach (var (table, where) in PlainTables)
        {
            rows += await CountAsync(data, $"SELECT count(*) FROM {table} WHERE {where}",
                ("people", people), ("keys", people.Select(InsMask.Mask).ToArray()), ("grains", people.Select(i => "patient/ins:" + i).ToArray()));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource data, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = data.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(NpgsqlDataSource data, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = data.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.CommandTimeout = 600;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
