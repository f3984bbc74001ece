using System.Globalization;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Measurements;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Grains.Measurements;

public sealed partial class MeasurementStore
{
    /// <summary>Most points a series returns: a chart needs no more; a longer period takes a coarser aggregation.</summary>
    public const int MaxSeriesPoints = 10_000;

    /// <summary>The latest reading of each type (one backward index scan per type), and the body mass index of the latest weight.</summary>
    public async Task<IReadOnlyList<LatestMeasurement>> LatestAsync(string ins)
    {
        await using var command = tables.For(Feature).CreateCommand($"""
            SELECT t.type, m.value, m.secondary, m.effective_at, m.app_id
            FROM unnest(@types) AS t(type)
            CROSS JOIN LATERAL (
                SELECT value, secondary, effective_at, app_id FROM mes_measurement
                WHERE ins = @ins AND type = t.type ORDER BY effective_at DESC LIMIT 1) m
            UNION ALL
            SELECT b.type, b.value, NULL, b.effective_at, @computed FROM ({BmiRows} ORDER BY w.effective_at DESC LIMIT 1) b
            ORDER BY 1
            """);
        command.Parameters.AddWithValue("ins", ins);
        command.Parameters.AddWithValue("types", Enum.GetValues<MeasureType>().Where(t => t != MeasureType.Bmi).Select(t => (short)t).ToArray());
        command.Parameters.AddWithValue("computed", ComputedBy);
        var latest = new List<LatestMeasurement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var type = (MeasureType)reader.GetInt16(0);
            latest.Add(new LatestMeasurement(type, reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetDouble(2),
                MeasureUnits.Canonical(type), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return latest;
    }

    /// <summary>The app id of a value the service computed (the body mass index) rather than one an app sent.</summary>
    public const string ComputedBy = "mes-computed";

    public async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(string ins, MeasureType type, DateTimeOffset from, DateTimeOffset to, SeriesAggregation aggregation)
    {
        var sql = aggregation == SeriesAggregation.Raw
            ? """
              SELECT effective_at, value, value, value, 1::bigint, secondary, secondary, secondary FROM mes_measurement
              WHERE ins = @ins AND type = @type AND effective_at >= @from AND effective_at < @to
              ORDER BY effective_at LIMIT @limit
              """
            : """
              SELECT date_bin(@bucket, effective_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), min(value), max(value), avg(value), count(*),
                     min(secondary), max(secondary), avg(secondary)
              FROM mes_measurement
              WHERE ins = @ins AND type = @type AND effective_at >= @from AND effective_at < @to
              GROUP BY 1 ORDER BY 1 LIMIT @limit
              """;
        await using var command = tables.For(Feature).CreateCommand(sql);
        command.Parameters.AddWithValue("ins", ins);
        command.Parameters.AddWithValue("type", (short)type);
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        command.Parameters.AddWithValue("limit", MaxSeriesPoints);
        command.Parameters.AddWithValue("bucket", aggregation == SeriesAggregation.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1));
        var points = new List<SeriesPoint>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            points.Add(new SeriesPoint(reader.GetFieldValue<DateTimeOffset>(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt64(4),
                Nullable(reader, 5), Nullable(reader, 6), Nullable(reader, 7)));
        }

        return points;
    }

    /// <summary>The columns a <see cref="Reading"/> is read from, in <see cref="ReadingAt"/>'s order.</summary>
    private const string ReadingColumns = "app_id, reading_key, type, code, effective_at, value, secondary, device, source, profile, received_at";

    /// <summary>
    /// One page of a person's readings of some types, in time order (<c>@limit</c> rows after <c>@offset</c>, after the
    /// cursor <c>@after_*</c> if set). Each type is read on its own, in index order, for at most <c>@per_type</c>
    /// (limit + offset) rows, then merged: PostgreSQL 15 cannot walk the <c>(ins, type, effective_at)</c> index in time
    /// order for <c>type = ANY(…)</c>, and sorting a person's whole series to return its last value cost a millisecond.
    /// With <c>@bmi</c>, the computed body mass indexes join them (<see cref="BmiRows"/>).
    /// Public so that the read benchmark runs the same statement straight on PostgreSQL.
    /// </summary>
    public static string PageStatement(bool ascending)
    {
        var (order, beyond) = ascending ? ("ASC", ">") : ("DESC", "<");
        var sort = $"effective_at {order}, app_id {order}, reading_key {order}";
        return $"""
            SELECT {ReadingColumns} FROM (
                SELECT {ReadingColumns} FROM unnest(@types) AS wanted(t) CROSS JOIN LATERAL (
                    SELECT {ReadingColumns} FROM mes_measurement
                    WHERE ins = @ins AND type = wanted.t AND {InRange}
                      AND (@after_at::timestamptz IS NULL OR (effective_at, app_id, reading_key) {beyond} (@after_at, @after_app, @after_key))
                    ORDER BY {sort} LIMIT @per_type) AS m
                UNION ALL
                SELECT {ReadingColumns} FROM ({BmiRows} AND @bmi AND {InRange.Replace("effective_at", "w.effective_at", StringComparison.Ordinal)}
                    AND (@after_at::timestamptz IS NULL OR (w.effective_at, w.app_id, 'bmi:' || w.reading_key) {beyond} (@after_at, @after_app, @after_key))
                    ORDER BY w.effective_at {order}, w.app_id {order}, w.reading_key {order} LIMIT @per_type) AS b
            ) AS found
            ORDER BY {sort} LIMIT @limit OFFSET @offset
            """;
    }

    private const string InRange = "effective_at >= COALESCE(@from, '-infinity'::timestamptz) AND effective_at < COALESCE(@to, 'infinity'::timestamptz)";

    /// <summary>Readings in the order asked (newest first by default), after the cursor <paramref name="after"/> of a previous page.</summary>
    public async Task<ReadingPage> SearchAsync(string ins, IReadOnlyList<MeasureType> types, DateTimeOffset? from, DateTimeOffset? to, int count, string? after, ReadingSearchOptions? options = null)
    {
        options ??= ReadingSearchOptions.Default;
        var cursor = after is null ? null : Cursor.Parse(after);
        await using var batch = tables.For(Feature).CreateBatch();
        var page = new NpgsqlBatchCommand(PageStatement(options.Ascending));
        var total = new NpgsqlBatchCommand($"""
            SELECT (SELECT count(*) FROM mes_measurement WHERE ins = @ins AND type = ANY(@types) AND {InRange})
                 + CASE WHEN @bmi THEN (SELECT count(*) FROM mes_measurement w WHERE w.ins = @ins AND w.type = 0 AND {InRange.Replace("effective_at", "w.effective_at", StringComparison.Ordinal)}
                       AND EXISTS (SELECT 1 FROM mes_measurement WHERE ins = @ins AND type = 1 AND value > 0)) ELSE 0 END
            """);
        var commands = (options.CountOnly, options.CountTotal) switch
        {
            (true, _) => new[] { total },
            (false, true) => [page, total],
            _ => [page],
        };
        foreach (var command in commands)
        {
            command.Parameters.AddWithValue("ins", ins);
            command.Parameters.AddWithValue("types", types.Where(t => t != MeasureType.Bmi).Select(t => (short)t).ToArray());
            command.Parameters.AddWithValue("bmi", types.Contains(MeasureType.Bmi));
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.TimestampTz) { Value = (object?)from?.ToUniversalTime() ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.TimestampTz) { Value = (object?)to?.ToUniversalTime() ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        page.Parameters.Add(new NpgsqlParameter("after_at", NpgsqlDbType.TimestampTz) { Value = (object?)cursor?.At ?? DBNull.Value });
        page.Parameters.Add(new NpgsqlParameter("after_app", NpgsqlDbType.Text) { Value = (object?)cursor?.App ?? DBNull.Value });
        page.Parameters.Add(new NpgsqlParameter("after_key", NpgsqlDbType.Text) { Value = (object?)cursor?.Key ?? DBNull.Value });
        var offset = cursor is null ? options.Offset : 0;
        page.Parameters.AddWithValue("limit", count + 1);
        page.Parameters.AddWithValue("offset", offset);
        page.Parameters.AddWithValue("per_type", count + 1 + offset);

        var readings = new List<Reading>(options.CountOnly ? 0 : count + 1);
        long? found = null;
        await using var reader = await batch.ExecuteReaderAsync();
        if (!options.CountOnly)
        {
            while (await reader.ReadAsync())
            {
                readings.Add(ReadingAt(reader));
            }

            await reader.NextResultAsync();
        }

        if (options.CountOnly || options.CountTotal)
        {
            await reader.ReadAsync();
            found = reader.GetInt64(0);
        }

        string? next = null;
        if (readings.Count > count)
        {
            readings.RemoveAt(count);
            next = Cursor.Of(readings[^1]);
        }
        else if (!options.CountOnly && cursor is null && options.Offset == 0)
        {
            // Everything that matches is on this first page: its total is known without a count.
            found ??= readings.Count;
        }

        return new ReadingPage(readings, next, found);
    }

    /// <summary>The person whose space holds the Observation <paramref name="id"/>, or null.</summary>
    public async Task<string?> FindOwnerAsync(Guid id)
    {
        await using var command = tables.For(Feature).CreateCommand("SELECT ins FROM mes_measurement WHERE observation_id = @id LIMIT 1");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The reading of <paramref name="ins"/> stored under the Observation id <paramref name="id"/>, or null.</summary>
    public Task<Reading?> ReadAsync(string ins, Guid id) =>
        ReadOneAsync($"SELECT {ReadingColumns} FROM mes_measurement WHERE observation_id = @id AND ins = @ins LIMIT 1", ins, id);

    /// <summary>The one reading <paramref name="sql"/> finds (parameters <c>@ins</c> and <c>@id</c>), or null.</summary>
    private async Task<Reading?> ReadOneAsync(string sql, string ins, Guid id)
    {
        await using var command = tables.For(Feature).CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("ins", ins);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadingAt(reader) : null;
    }

    private static Reading ReadingAt(NpgsqlDataReader reader)
    {
        var type = (MeasureType)reader.GetInt16(2);
        return new Reading(reader.GetString(0), reader.GetString(1), type, reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetDouble(5), Nullable(reader, 6), MeasureUnits.Canonical(type), Text(reader, 7),
            Text(reader, 8), Text(reader, 9)?.Split(' ', StringSplitOptions.RemoveEmptyEntries), reader.GetFieldValue<DateTimeOffset>(10));
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static double? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    /// <summary>A page cursor: the last reading's time, app and key, opaque to callers (base64url).</summary>
    private sealed record Cursor(DateTimeOffset At, string App, string Key)
    {
        public static string Of(Reading last) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            string.Join('\n', last.EffectiveAt.UtcTicks.ToString(CultureInfo.InvariantCulture), last.AppId, last.ReadingKey))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static Cursor Parse(string text)
        {
            try
            {
                var padded = text.Replace('-', '+').Replace('_', '/');
                padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
                var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('\n');
                return new Cursor(new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), parts[1], parts[2]);
            }
            catch (Exception exception) when (exception is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                throw new InvalidInputException("_page", "not a page cursor of this search");
            }
        }
    }
}
