using System.Diagnostics;
using MonEspaceSante.Interfaces.Measurements;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Benchmarks.Measurements;

/// <summary>
/// The ceiling of ingestion on this server, in this run: one binary COPY of the same rows (the
/// benchmark's Bundles, same patients, keys and times) into a plain copy of <c>mes_measurement</c>
/// with its indexes (the series index, the unique Observation id of each month's partition). No deduplication, no consent, no stream: what the disk and the index take.
/// </summary>
public static class CopyCeiling
{
    public static async Task<double> MeasureAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> patients, MeasurementRunOptions options, DateTimeOffset first)
    {
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentNullException.ThrowIfNull(options);
        await ExecuteAsync(dataSource, """
            DROP TABLE IF EXISTS bench_measurement_ceiling;
            CREATE TABLE bench_measurement_ceiling (LIKE mes_measurement INCLUDING DEFAULTS INCLUDING INDEXES);
            CREATE UNIQUE INDEX ON bench_measurement_ceiling (observation_id)
            """);

        // Warm up (JIT, connection, first pages), then measure on an empty table again.
        await CopyAsync(dataSource, patients, options with { Bundles = Math.Min(options.Bundles, 200) }, first);
        await ExecuteAsync(dataSource, "TRUNCATE bench_measurement_ceiling");
        var started = Stopwatch.GetTimestamp();
        var rows = await CopyAsync(dataSource, patients, options, first);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await ExecuteAsync(dataSource, "DROP TABLE bench_measurement_ceiling");
        return rows / seconds;
    }

    private static async Task<ulong> CopyAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> patients, MeasurementRunOptions options, DateTimeOffset first)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY bench_measurement_ceiling (ins, type, effective_at, app_id, reading_key, value, secondary, code, device, observation_id) FROM STDIN (FORMAT BINARY)");
        for (long b = 0; b < options.Bundles; b++)
        {
            var ins = patients[(int)(b % patients.Count)];
            for (var k = 0; k < options.PerBundle; k++)
            {
                var r = CgmBundles.Reading(b, k, options.PerBundle, first);
                await importer.StartRowAsync();
                await importer.WriteAsync(ins, NpgsqlDbType.Text);
                await importer.WriteAsync((short)MeasureType.Glucose, NpgsqlDbType.Smallint);
                await importer.WriteAsync(r.EffectiveAt, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(CgmBundles.AppId, NpgsqlDbType.Text);
                await importer.WriteAsync(r.ReadingKey, NpgsqlDbType.Text);
                await importer.WriteAsync(r.Value, NpgsqlDbType.Double);
                await importer.WriteNullAsync();
                await importer.WriteAsync(CgmBundles.Loinc, NpgsqlDbType.Text);
                await importer.WriteNullAsync();
                await importer.WriteAsync(ObservationIds.ToGuid(ins, CgmBundles.AppId, r.ReadingKey), NpgsqlDbType.Uuid);
            }
        }

        return await importer.CompleteAsync();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
