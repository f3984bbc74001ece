using System.Collections.Concurrent;
using MonEspaceSante.Postgres.Batching;
using MonEspaceSante.Interfaces.Measurements;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Grains.Measurements;

/// <summary>
/// The measurement time series (<c>mes_measurement</c>, partitioned by month). Appends of many
/// grains are grouped into one multi-row INSERT per batch: binary COPY would be faster still, but it
/// cannot skip rows already present, and a resent reading must change nothing; ON CONFLICT DO
/// NOTHING RETURNING both deduplicates and tells each grain which of its readings are new.
/// </summary>
public sealed partial class MeasurementStore : IAsyncDisposable
{
    private const string Feature = "Measurements";

    // A row whose Observation id is taken already in its month (the same reading sent again, or its identifier reused
    // for another measurement at another time) is not written: (app, identifier) names one reading, and each month's
    // partition holds a unique index on the id (migration 0013). Reuse across months is refused before the reading is
    // acknowledged (ReusedAsync).
    private const string Insert = """
        INSERT INTO mes_measurement (ins, type, effective_at, app_id, reading_key, value, secondary, code, device, source, profile, received_at, observation_id)
        SELECT n.* FROM unnest(@ins, @types, @at, @apps, @keys, @values, @secondaries, @codes, @devices, @sources, @profiles, @received, @ids)
            AS n(ins, type, effective_at, app_id, reading_key, value, secondary, code, device, source, profile, received_at, observation_id)
        ON CONFLICT DO NOTHING
        RETURNING ins, type, effective_at, app_id, reading_key
        """;

    private readonly OwnTables tables;
    private readonly GroupCommit<PendingAppend> appends;
    private readonly GroupCommit<PendingCheck> checks;
    private readonly ConcurrentDictionary<DateTime, Task> months = new();

    public MeasurementStore(OwnTables tables)
    {
        this.tables = tables;
        appends = new GroupCommit<PendingAppend>(2, 64, p => p.Ins.GetHashCode(StringComparison.Ordinal), WriteAsync);
        checks = new GroupCommit<PendingCheck>(1, 64, _ => 0, CheckAsync);
    }

    /// <summary>Stores the readings of one person; returns those that were not stored before.</summary>
    public Task<IReadOnlyList<Reading>> AppendAsync(string ins, IReadOnlyList<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        // Within one batch too, the first reading of an (app, key) is the one kept.
        var pending = new PendingAppend(ins, readings.Select(Normalise).DistinctBy(r => (r.AppId, r.ReadingKey)).ToList());
        appends.Enqueue(pending);
        return pending.Done.Task;
    }

    /// <summary>PostgreSQL keeps microseconds in UTC: compare what comes back with what went in on that footing.</summary>
    public static Reading Normalise(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var utc = reading.EffectiveAt.ToUniversalTime();
        return reading with { EffectiveAt = Microseconds(utc), ReceivedAt = reading.ReceivedAt is { } received ? Microseconds(received.ToUniversalTime()) : null };
    }

    private static DateTimeOffset Microseconds(DateTimeOffset utc) => new(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);

    private async Task WriteAsync(List<PendingAppend> batch)
    {
        var dataSource = tables.For(Feature);
        var rows = batch.SelectMany(p => p.Readings.Select(r => (p.Ins, Reading: r))).ToList();
        await Task.WhenAll(rows.Select(r => MonthOf(r.Reading.EffectiveAt)).Distinct().Select(m => EnsureMonthAsync(dataSource, m)));

        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.AddWithValue("ins", rows.Select(r => r.Ins).ToArray());
        command.Parameters.AddWithValue("types", rows.Select(r => (short)r.Reading.Type).ToArray());
        command.Parameters.AddWithValue("at", rows.Select(r => r.Reading.EffectiveAt).ToArray());
        command.Parameters.AddWithValue("apps", rows.Select(r => r.Reading.AppId).ToArray());
        command.Parameters.AddWithValue("keys", rows.Select(r => r.Reading.ReadingKey).ToArray());
        command.Parameters.AddWithValue("values", rows.Select(r => r.Reading.Value).ToArray());
        command.Parameters.Add(new NpgsqlParameter("secondaries", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = rows.Select(r => (object?)r.Reading.Secondary ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("codes", rows.Select(r => r.Reading.Code).ToArray());
        command.Parameters.Add(Texts("devices", rows.Select(r => r.Reading.Device)));
        command.Parameters.Add(Texts("sources", rows.Select(r => r.Reading.Source)));
        command.Parameters.Add(Texts("profiles", rows.Select(r => r.Reading.Profiles is { Count: > 0 } p ? string.Join(' ', p) : null)));
        var now = DateTimeOffset.UtcNow;
        command.Parameters.AddWithValue("received", rows.Select(r => r.Reading.ReceivedAt ?? now).ToArray());
        command.Parameters.AddWithValue("ids", rows.Select(r => ObservationIds.ToGuid(r.Ins, r.Reading.AppId, r.Reading.ReadingKey)).ToArray());

        var inserted = new HashSet<RowKey>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                inserted.Add(new RowKey(reader.GetString(0), reader.GetInt16(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        foreach (var pending in batch)
        {
            // A reading sent twice in one batch is new once: the first to claim its row gets it.
            var fresh = pending.Readings.Where(r => inserted.Remove(RowKey.Of(pending.Ins, r))).ToList();
            pending.Done.TrySetResult(fresh);
        }
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() };

    private Task EnsureMonthAsync(NpgsqlDataSource dataSource, DateTime month)
    {
        var task = months.GetOrAdd(month, m => CreatePartitionAsync(dataSource, m));
        if (task.IsFaulted)
        {
            // A failed creation (database briefly away) is tried again, not remembered.
            months.TryRemove(new KeyValuePair<DateTime, Task>(month, task));
            task = months.GetOrAdd(month, m => CreatePartitionAsync(dataSource, m));
        }

        return task;
    }

    private static async Task CreatePartitionAsync(NpgsqlDataSource dataSource, DateTime month)
    {
        await using var command = dataSource.CreateCommand("SELECT mes_ensure_measurement_partition(@month)");
        command.Parameters.AddWithValue("month", NpgsqlDbType.Date, DateOnly.FromDateTime(month));
        await command.ExecuteNonQueryAsync();
    }

    private static DateTime MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public async ValueTask DisposeAsync()
    {
        await appends.DisposeAsync();
        await checks.DisposeAsync();
    }

    private readonly record struct RowKey(string Ins, short Type, DateTimeOffset At, string App, string Key)
    {
        public static RowKey Of(string ins, Reading r) => new(ins, (short)r.Type, r.EffectiveAt, r.AppId, r.ReadingKey);
    }

    private sealed class PendingAppend(string ins, IReadOnlyList<Reading> readings) : GroupCommitItem<IReadOnlyList<Reading>>
    {
        public string Ins => ins;

        public IReadOnlyList<Reading> Readings => readings;
    }
}
