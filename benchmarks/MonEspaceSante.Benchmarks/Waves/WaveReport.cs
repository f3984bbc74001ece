using System.Diagnostics;
using System.Globalization;
using MonEspaceSante.Benchmarks.Infrastructure;

namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>The wave benchmark's table: each phase against the ceiling and its target, memory, rows, and the exactness checks.</summary>
public static class WaveReport
{
    private static readonly Dictionary<string, (string Measure, double Target)> Phases = new()
    {
        ["upload"] = ("upload: WaveUploadEndpoint.UploadAsync (UploadReader NDJSON, 2000-line batches, one in flight), no HTTP", 0.50),
        ["notify"] = ("notify: launch to every member Notified (stream, profile write, outbox, outcome)", 0.10),
        ["open"] = ("open: deadline tick to every member Opened, wave Completed", 0.10),
    };

    public static void Print(WaveRunOptions options, TimeSpan collectionAge, MemberCeiling.Rates rates, IReadOnlyList<PhaseResult> phases, WaveChecks checks)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(checks);
        var people = options.People;
        var table = new ResultTable(string.Create(CultureInfo.InvariantCulture,
            $"Waves: {people:N0} people, {options.Uploads} upload(s), {options.Partitions} partitions, {options.Queues} stream queues (cache {options.CacheSize} events each), idle activations collected after {collectionAge.TotalMinutes:0} min, 1 silo, PostgreSQL 15 durable (fsync on), WAL compressed (lz4)"));
        ArgumentNullException.ThrowIfNull(rates);
        var ceiling = rates.Ceiling;
        table.Add("ceiling: batched upsert into a copy of mes_wave_member (8 connections x 1000 rows)", ceiling, "rows/s", string.Create(CultureInfo.InvariantCulture,
            $"measured in this run, statement of WaveStore.Uploads.cs; the higher of {rates.Compressed:N0} (WAL compressed) and {rates.Uncompressed:N0} (not)"));
        foreach (var phase in phases)
        {
            var (measure, target) = Phases[phase.Name];
            var share = phase.Rate / ceiling;
            var verdict = !phase.Finished ? "stopped before the end" : share >= target ? "target met" : "target NOT met";
            table.Add(measure, phase.Rate, "identities/s", string.Create(CultureInfo.InvariantCulture,
                $"{100 * share:0.#}% of the ceiling (target >= {100 * target:0}%: {verdict}); {phase.Done:N0} in {phase.Seconds:0.0} s; CPU: dotnet {phase.DotnetCores:0.00} + PostgreSQL {phase.PostgresCores:0.00} cores; GC paused {phase.GcPauseSeconds:0.0} s, allocated {phase.AllocatedBytes / 1024.0 / phase.Done:0.#} KB per identity"));
        }

        using var self = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        table.Add("peak working set (Process.PeakWorkingSet64)", self.PeakWorkingSet64 / 1048576.0, "MB", "silo + benchmark in one process, server GC")
            .Add("after each phase: working set / GC heap / activations", string.Join("; ", phases.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Name} {p.WorkingSetBytes / 1048576.0:N0} MB / {p.HeapBytes / 1048576.0:N0} MB / {p.Activations:N0}"))))
            .Add("GC collections gen0 / gen1 / gen2, total pause", string.Create(CultureInfo.InvariantCulture,
                $"{GC.CollectionCount(0):N0} / {GC.CollectionCount(1):N0} / {GC.CollectionCount(2):N0}, {GC.GetTotalPauseDuration().TotalSeconds:0.0} s"),
                string.Create(CultureInfo.InvariantCulture, $"last GC: heap {gc.HeapSizeBytes / 1048576.0:N0} MB, committed {gc.TotalCommittedBytes / 1048576.0:N0} MB"))
            .Add("rows: mes_wave_member", $"{checks.Members:N0}", $"{checks.Opened:N0} Opened; {Size(checks, "mes_wave_member")}")
            .Add("rows: mes_outbox OpeningAnnouncement / SpaceOpened", $"{checks.Announcements:N0} / {checks.OpenedNotices:N0}",
                $"for {checks.AnnouncedPeople:N0} / {checks.OpenedPeople:N0} distinct people; {Size(checks, "mes_outbox")}")
            .Add("rows: grain state patient.profile (mes_grain_state)", $"{checks.ProfileRows:N0}",
                $"{checks.ProfilesWrittenTwice:N0} written exactly twice (etag 2); {Size(checks, "mes_grain_state")}")
            .Add("members without announcement / opened notice / profile", $"{checks.MembersWithoutAnnouncement:N0} / {checks.MembersWithoutOpenedNotice:N0} / {checks.MembersWithoutProfile:N0}",
                $"{checks.NoticesWithOtherContact:N0} notices with another address than the member's")
            .Add("stream queue rows left / dead letters", $"{checks.QueueRowsLeft:N0} / {checks.DeadLetters:N0}", Size(checks, "mes_stream_queue"))
            .Add("mes_wave_member row updates / of which HOT", $"{checks.MemberUpdates:N0} / {checks.MemberHotUpdates:N0}",
                "2 per member: the outcome, in each fan-out (partitions keep a cursor per page, not a flag per member); a non-HOT update also writes the indexes")
            .Add("PostgreSQL deadlocks / rolled back transactions", $"{checks.Deadlocks:N0} / {checks.Rollbacks:N0}", "whole run, this database")
            .Add("exactly N announcements and N opened notices, no duplicates", checks.Exact(people) ? "yes" : "NO", "checked in PostgreSQL")
            .Print();
    }

    private static string Size(WaveChecks checks, string table) =>
        checks.TableBytes.TryGetValue(table, out var bytes) ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MB with indexes") : string.Empty;
}
