using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MonEspaceSante.Api.Waves;
using MonEspaceSante.Benchmarks.Infrastructure;
using MonEspaceSante.Grains;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Postgres.Streams;
using MonEspaceSante.Interfaces.Enrollment;
using Npgsql;
using Orleans.Configuration;
using Spectre.Console;

namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>
/// An opt-out wave end to end on one silo and PostgreSQL: upload N people through the upload
/// endpoint's code, launch and wait until every one is notified, move the domain clock past the
/// deadline and wait until every space is open; each phase against the batched upsert of the same
/// rows on the same server, in the same run.
/// </summary>
public static class WaveBenchmark
{
    public const string WaveId = "bench-wave";
    private const string WarmUpWaveId = "bench-warm-up";
    private const long WarmUpPeople = 4000;
    private static readonly TimeSpan Window = TimeSpan.FromDays(42);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(WaveRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var people = options.People;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var waves = new WavesSettings { Partitions = options.Partitions, PageSize = options.PageSize, WatchdogPeriod = TimeSpan.FromSeconds(30) };
        // Six weeks separate the notices from the deadline: by then the pulling agents have long
        // forgotten every person's stream (after StreamInactivityPeriod without events), so each deadline
        // event goes through a new stream registration and handshake. The benchmark waits that long
        // before the deadline, so that the open phase pays for it too.
        var streams = new PostgresStreamOptions { QueueCount = options.Queues };
        if (options.CacheSize is { } cacheSize)
        {
            streams.CacheSize = cacheSize;
        }

        AnsiConsole.MarkupLine($"[bold]Waves benchmark[/]: {people:N0} people, {options.Uploads} upload(s), {waves.Partitions} partitions of {waves.PageSize} per page, {streams.QueueCount} stream queues (cache {streams.CacheSize} events each)");
        await using var silo = await BenchSilo.StartAsync(streams, services =>
        {
            services.UseDomainClock(clock);
            if (options.CollectionAge is { } age)
            {
                // Orleans wants the age above the collection period (1 min by default).
                services.Configure<GrainCollectionOptions>(o =>
                {
                    o.CollectionAge = age;
                    o.CollectionQuantum = age / 2 < o.CollectionQuantum ? age / 2 : o.CollectionQuantum;
                });
            }
        }, waves: waves);
        var collectionAge = silo.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.CollectionAge;
        AnsiConsole.MarkupLine($"idle activations are collected after {collectionAge}");
        var cpu = new CpuMeter(silo.ServerDataDirectory);

        await WarmUpAsync(silo, clock);

        var before = cpu.Take();
        var ceiling = await MemberCeiling.MeasureBothAsync(silo.Data, people, waves.Partitions);
        var (ceilingDotnet, ceilingPostgres, ceilingWall) = cpu.Take().Since(before);
        AnsiConsole.MarkupLine($"ceiling: batched upsert into a copy of mes_wave_member {ceiling.Compressed:N0} rows/s with WAL compression, {ceiling.Uncompressed:N0} without (both with their warm-up: dotnet {ceilingDotnet / ceilingWall:0.00} + PostgreSQL {ceilingPostgres / ceilingWall:0.00} cores)");

        var wave = silo.Client.GetGrain<IWaveGrain>(WaveId);
        await wave.CreateAsync(new WaveDefinition("Benchmark wave", "national", Window, null));
        var phases = new List<PhaseResult> { await UploadAsync(silo, cpu, people, options.Uploads) };
        if (phases[^1].Finished)
        {
            phases.Add(await FanOutAsync(silo, cpu, "notify", people, options.PhaseLimit, MemberOutcome.Notified, WavePhase.Notified, wave.LaunchAsync));
        }

        if (phases[^1].Finished)
        {
            // The clock passes the deadline when the phase starts (after the settling), not before: the
            // wave's own reminder would otherwise start opening spaces before the clock does.
            // Agents look for idle streams every tenth of the period: wait until the notices' streams are gone.
            var forgotten = streams.StreamInactivityPeriod * 1.5;
            AnsiConsole.MarkupLine($"waiting {forgotten} for the pulling agents to forget the notices' streams (not counted)");
            await Task.Delay(forgotten);
            phases.Add(await FanOutAsync(silo, cpu, "open", people, options.PhaseLimit, MemberOutcome.Opened, WavePhase.Completed, () =>
            {
                clock.Advance(Window + TimeSpan.FromMinutes(1));
                return wave.TickAsync();
            }));
        }

        var checks = await WaveChecks.ReadAsync(silo.Data, WaveId);
        WaveReport.Print(options with { CacheSize = streams.CacheSize }, collectionAge, ceiling, phases, checks);
        return phases.Count == 3 && phases.All(p => p.Finished) && checks.Exact(people) ? 0 : 1;
    }

    /// <summary>
    /// A small wave through every phase first, not counted: a silo in service has run this code
    /// before, while this process has not (the first seconds of a cold fan-out went to the JIT and to
    /// first activations and connections: 1,500-2,500 people/s for 20 s at 1M). Its people are numbered
    /// far from the measured wave's, so they are other people.
    /// </summary>
    private static async Task WarmUpAsync(BenchSilo silo, FakeTimeProvider clock)
    {
        var started = Stopwatch.GetTimestamp();
        var wave = silo.Client.GetGrain<IWaveGrain>(WarmUpWaveId);
        await wave.CreateAsync(new WaveDefinition("Warm-up wave", "national", Window, null));
        await UploadOneAsync(silo.Client, new SyntheticUpload(uint.MaxValue - WarmUpPeople, uint.MaxValue), WarmUpWaveId, "warm-up");
        await wave.LaunchAsync();
        await UntilAsync(wave, WavePhase.Notified);
        await Task.Delay(TimeSpan.FromSeconds(1));
        clock.Advance(Window + TimeSpan.FromMinutes(1));
        await wave.TickAsync();
        await UntilAsync(wave, WavePhase.Completed);
        AnsiConsole.MarkupLine($"warm-up: a wave of {WarmUpPeople:N0} people uploaded, notified and opened in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (not counted)");

        static async Task UntilAsync(IWaveGrain wave, WavePhase phase)
        {
            var limit = Stopwatch.GetTimestamp();
            while ((await wave.TickAsync()).Phase != phase)
            {
                if (Stopwatch.GetElapsedTime(limit) > Stall)
                {
                    throw new TimeoutException($"The warm-up wave did not reach {phase}.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static async Task<PhaseResult> UploadAsync(BenchSilo silo, CpuMeter cpu, long people, int uploads)
    {
        var bodies = Enumerable.Range(0, uploads).Select(k => new SyntheticUpload(k * people / uploads, (k + 1) * people / uploads)).ToList();
        await StatementReport.ResetAsync(silo.Data);
        var start = cpu.Take();
        UploadResponse[] responses;
        await using (new PhaseProgress("upload", people, () => bodies.Sum(b => b.LinesRead), Poll))
        {
            responses = await Task.WhenAll(bodies.Select((body, k) => Task.Run(() => UploadOneAsync(silo.Client, body, WaveId, $"file-{k + 1}"))));
        }

        var end = cpu.Take();
        await StatementReport.PrintAsync(silo.Data, "PostgreSQL time by statement, upload");
        var accepted = responses.Sum(r => r.Accepted);
        var refused = responses.Sum(r => r.Rejected);
        var wall = end.Since(start).Wall;
        AnsiConsole.MarkupLine($"upload: {accepted:N0} accepted, {refused:N0} refused in {wall:0.0} s");
        return await ResultAsync(silo, "upload", accepted, wall, accepted == people && refused == 0, start, end);
    }

    /// <summary>The endpoint's own code (UploadReader, batches of 2000, one in flight), with the body as the request's.</summary>
    private static async Task<UploadResponse> UploadOneAsync(IGrainFactory grains, Stream body, string waveId, string uploadId)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/x-ndjson";
        context.Request.Body = body;
        var result = await WaveUploadEndpoint.UploadAsync(waveId, uploadId, null, context, grains);
        return result.Value!;
    }

    /// <summary>
    /// Starts a fan-out (launch, or the tick after the deadline), then ticks until every person has
    /// <paramref name="outcome"/>. Progress shown meanwhile: new notices in the outbox.
    /// </summary>
    private static async Task<PhaseResult> FanOutAsync(
        BenchSilo silo, CpuMeter cpu, string name, long people, TimeSpan limit, MemberOutcome outcome, WavePhase last, Func<Task<WaveStatus>> begin)
    {
        // Weeks separate an upload from the wave's start, and the start from the deadline: by then the
        // autovacuum daemon has vacuumed and analyzed the new rows, and a checkpoint has written them.
        // Here the phases follow each other at once, so that work is done before the clock starts
        // instead of inside the next phase (it took the first 20-25 s of notify at 1M).
        var settling = Stopwatch.GetTimestamp();
        await ExecuteAsync(silo.Data, "VACUUM (ANALYZE) mes_wave_member, mes_grain_state, mes_outbox");
        await ExecuteAsync(silo.Data, "CHECKPOINT");
        AnsiConsole.MarkupLine($"{name}: VACUUM (ANALYZE) and CHECKPOINT before the start took {Stopwatch.GetElapsedTime(settling).TotalSeconds:0.0} s (not counted)");
        await StatementReport.ResetAsync(silo.Data);
        var startedAt = await ScalarAsync<DateTime>(silo.Data, "SELECT clock_timestamp()");
        var start = cpu.Take();
        var done = new StrongBox<long>();
        var finished = false;
        var insertedBefore = await OutboxInsertsAsync(silo.Data);
        await using (new PhaseProgress(name, people, () => Volatile.Read(ref done.Value), Poll))
        {
            var status = await begin();
            var ticked = Stopwatch.GetTimestamp();
            var lastChange = ticked;
            while (Stopwatch.GetElapsedTime(start.At) < limit && Stopwatch.GetElapsedTime(lastChange) < Stall)
            {
                await Task.Delay(Poll);

                // Progress from the server's statistics (free); the wave's status reads every member row
                // (about a second of PostgreSQL time at 1M): asked every TickEvery, and at the end.
                var notices = Math.Min(people, await OutboxInsertsAsync(silo.Data) - insertedBefore);
                if (notices != Volatile.Read(ref done.Value))
                {
                    Volatile.Write(ref done.Value, notices);
                    lastChange = Stopwatch.GetTimestamp();
                }

                if (notices < people && Stopwatch.GetElapsedTime(ticked) < TickEvery)
                {
                    continue;
                }

                status = await silo.Client.GetGrain<IWaveGrain>(WaveId).TickAsync();
                ticked = Stopwatch.GetTimestamp();
                if (status.Outcomes[outcome] == people && status.Phase == last)
                {
                    finished = true;
                    break;
                }
            }

            Volatile.Write(ref done.Value, status.Outcomes[outcome]);
        }

        var stop = cpu.Take();
        var wall = stop.Since(start).Wall;
        await StatementReport.PrintAsync(silo.Data, $"PostgreSQL time by statement, {name}");
        await using var command = silo.Data.CreateCommand("SELECT max(outcome_at) FROM mes_wave_member WHERE wave_id = @wave AND outcome = @outcome");
        command.Parameters.AddWithValue("wave", WaveId);
        command.Parameters.AddWithValue("outcome", outcome.ToString());
        var lastAt = await command.ExecuteScalarAsync() as DateTime?;
        // The phase's pace over time (the start is slower: first activations, tier-0 code, a burst of produce).
        await using (var pace = silo.Data.CreateCommand("""
            SELECT floor(extract(epoch FROM outcome_at - @start) / 10)::int, count(*) FROM mes_wave_member
            WHERE wave_id = @wave AND outcome = @outcome GROUP BY 1 ORDER BY 1
            """))
        {
            pace.Parameters.AddWithValue("wave", WaveId);
            pace.Parameters.AddWithValue("outcome", outcome.ToString());
            pace.Parameters.AddWithValue("start", startedAt);
            var tens = new List<string>();
            await using var rows = await pace.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                tens.Add((rows.GetInt64(1) / 10).ToString("N0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.MarkupLine($"{name}: people per second in each 10 s from the start: {string.Join(" · ", tens)}");
        }

        var seconds = finished && lastAt is { } end ? (end - startedAt).TotalSeconds : wall;
        AnsiConsole.MarkupLine($"{name}: {done.Value:N0} of {people:N0} {outcome} in {seconds:0.0} s{(finished ? string.Empty : " [red](stopped before the end)[/]")}");
        return await ResultAsync(silo, name, done.Value, seconds, finished, start, stop);
    }

    private static async Task<PhaseResult> ResultAsync(BenchSilo silo, string name, long done, double seconds, bool finished, CpuMeter.Sample start, CpuMeter.Sample end)
    {
        var (dotnet, postgres, wall) = end.Since(start);
        var (pause, allocated) = end.GcSince(start);
        var activations = await silo.Client.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        return new PhaseResult(name, done, seconds, finished, dotnet / wall, postgres / wall, pause, allocated,
            Environment.WorkingSet, GC.GetGCMemoryInfo().HeapSizeBytes, activations);
    }

    /// <summary>Rows inserted into the outbox so far (statistics, flushed about every second): one per new notice.</summary>
    private static Task<long> OutboxInsertsAsync(NpgsqlDataSource dataSource) =>
        ScalarAsync<long>(dataSource, "SELECT COALESCE(sum(n_tup_ins), 0)::bigint FROM pg_stat_user_tables WHERE relname = 'mes_outbox'");

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
