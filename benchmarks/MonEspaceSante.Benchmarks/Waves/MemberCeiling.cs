using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Benchmarks.Waves;

/// <summary>
/// The ceiling of a wave's phases on this server, in this run: PostgreSQL's batched upsert of the
/// same people into a copy of <c>mes_wave_member</c>, with the statement of WaveStore.Uploads.cs
/// (INSERT ... SELECT FROM unnest ... ON CONFLICT DO NOTHING RETURNING ins, seq), 8 connections × 1000 rows.
/// Measured with the server's WAL compression and without it (the ceiling's sessions turn it off), and
/// the higher rate is the ceiling: compressing costs CPU on 2 cores, and the server's setting must not
/// flatter the phases by lowering their baseline.
/// </summary>
public static class MemberCeiling
{
    /// <summary>The two measures and the ceiling used: the higher.</summary>
    public sealed record Rates(double Compressed, double Uncompressed)
    {
        public double Ceiling => Math.Max(Compressed, Uncompressed);
    }

    public static async Task<Rates> MeasureBothAsync(NpgsqlDataSource dataSource, long rows, int partitions)
    {
        var compressed = await MeasureAsync(dataSource, rows, partitions, compressWal: true);
        var uncompressed = await MeasureAsync(dataSource, rows, partitions, compressWal: false);
        return new Rates(compressed, uncompressed);
    }

    private const int Connections = 8;
    private const int Batch = 1000;

    private const string Insert = """
        INSERT INTO bench_member_ceiling (wave_id, ins, partition, channel, email, postal_address, birth_date, departement, upload_id, line_no)
        SELECT @wave, i.ins, i.partition, i.channel, i.email, i.postal, i.birth, i.dept, @upload, i.line_no
        FROM unnest(@ins, @partitions, @channels, @emails, @postals, @births, @depts, @lines)
             AS i(ins, partition, channel, email, postal, birth, dept, line_no)
        ON CONFLICT (wave_id, ins) DO NOTHING
        RETURNING ins, seq
        """;

    private static async Task<double> MeasureAsync(NpgsqlDataSource dataSource, long rows, int partitions, bool compressWal)
    {
        await ExecuteAsync(dataSource, """
            DROP TABLE IF EXISTS bench_member_ceiling;
            CREATE TABLE bench_member_ceiling (LIKE mes_wave_member INCLUDING ALL) WITH (fillfactor = 80)
            """);

        // Warm up (JIT, connections, the table's first pages), then measure on an empty table again.
        await InsertAsync(dataSource, Math.Min(rows, 40_000), partitions, compressWal);
        await ExecuteAsync(dataSource, "TRUNCATE bench_member_ceiling");
        await ExecuteAsync(dataSource, "CHECKPOINT");
        var started = Stopwatch.GetTimestamp();
        var returned = await InsertAsync(dataSource, rows, partitions, compressWal);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await ExecuteAsync(dataSource, "DROP TABLE bench_member_ceiling");
        if (returned != rows)
        {
            throw new InvalidOperationException($"The ceiling inserted {returned:N0} rows of {rows:N0}: synthetic INS are not distinct.");
        }

        return rows / seconds;
    }

    private static async Task<long> InsertAsync(NpgsqlDataSource dataSource, long rows, int partitions, bool compressWal)
    {
        var batches = (rows + Batch - 1) / Batch;
        long next = -1;
        long returned = 0;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using (var setting = new NpgsqlCommand(compressWal ? "RESET wal_compression" : "SET wal_compression = off", connection))
            {
                await setting.ExecuteNonQueryAsync();
            }

            long b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                var first = b * Batch;
                var people = Enumerable.Range(0, (int)Math.Min(Batch, rows - first)).Select(i => (Line: first + i + 1, Person: SyntheticPeople.Of(first + i))).ToList();
                await using var insert = new NpgsqlCommand(Insert, connection);
                insert.Parameters.AddWithValue("wave", "bench-ceiling");
                insert.Parameters.AddWithValue("upload", "bench-ceiling");
                insert.Parameters.AddWithValue("ins", people.Select(p => p.Person.Ins).ToArray());
                insert.Parameters.AddWithValue("partitions", people.Select(p => (short)(Fnv1a(p.Person.Ins) % (uint)partitions)).ToArray());
                insert.Parameters.AddWithValue("channels", people.Select(p => p.Person.Email is null ? "letter" : "email").ToArray());
                insert.Parameters.Add(Texts("emails", people.Select(p => p.Person.Email)));
                insert.Parameters.Add(Texts("postals", people.Select(p => p.Person.PostalAddress)));
                insert.Parameters.Add(new NpgsqlParameter("births", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = people.Select(p => p.Person.BirthDate).ToArray() });
                insert.Parameters.Add(Texts("depts", people.Select(p => p.Person.Departement)));
                insert.Parameters.AddWithValue("lines", people.Select(p => p.Line).ToArray());
                await using var reader = await insert.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    Interlocked.Increment(ref returned);
                }
            }
        })));
        return returned;
    }

    /// <summary>The partition hash of WaveStore (FNV-1a over the characters), so rows land in the index as they do there.</summary>
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() };

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
