using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Grains.Enrollment;

public sealed partial class WaveStore
{
    private const string InsertMembers = """
        INSERT INTO mes_wave_member (wave_id, ins, partition, channel, email, postal_address, birth_date, departement, upload_id, line_no, birth_name, first_names, used_name)
        SELECT @wave, i.ins, i.partition, i.channel, i.email, i.postal, i.birth, i.dept, @upload, i.line_no, i.birth_name, i.first_names, i.used_name
        FROM unnest(@ins, @partitions, @channels, @emails, @postals, @births, @depts, @lines, @birthNames, @firstNames, @usedNames)
             AS i(ins, partition, channel, email, postal, birth, dept, line_no, birth_name, first_names, used_name)
        ON CONFLICT (wave_id, ins) DO NOTHING
        RETURNING ins, seq
        """;

    /// <summary>The refusal of people for a wave whose opposition deadline has passed.</summary>
    public static StateConflictException DeadlinePassed(string waveId) =>
        new($"The opposition deadline of wave '{waveId}' has passed: it takes no more people.");

    /// <summary>Below this many new lines, a batch is written by one transaction (not worth a second connection).</summary>
    private const int MinLinesPerWriter = 500;

    /// <summary>
    /// Writes one batch of an upload: new people are added, people already in the wave with the same
    /// details change nothing, and conflicting lines are reported and recorded with the lines the
    /// reader refused. Re-sending a batch, or the whole file, changes nothing.
    /// The lines are written by two transactions side by side (halves of the batch in INS order), so
    /// that PostgreSQL works on two connections while the next batch is read; the upload's last line
    /// is recorded once both are committed. A crash in between leaves the last line before this batch,
    /// and re-sending it changes nothing.
    /// </summary>
    public async Task<WaveUploadResult> AcceptAsync(WaveUploadBatch batch, int partitions)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var errors = new List<UploadLineError>(batch.Refused);
        var firstLineOf = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = new List<WaveLine>(batch.Lines.Count);
        foreach (var line in batch.Lines)
        {
            if (firstLineOf.TryGetValue(line.Ins, out var first))
            {
                errors.Add(new UploadLineError(line.LineNumber, $"this INS already appears at line {first} of this upload"));
                continue;
            }

            firstLineOf[line.Ins] = line.LineNumber;
            lines.Add(line);
        }

        // In INS order: every writer takes its row locks in the same order, so uploads of overlapping
        // files wait for each other but cannot deadlock, and the index pages a batch touches stay hot.
        lines.Sort((a, b) => string.CompareOrdinal(a.Ins, b.Ins));
        var half = lines.Count / 2;
        List<List<WaveLine>> parts = lines.Count >= 2 * MinLinesPerWriter ? [lines[..half], lines[half..]] : [lines];
        var results = await Task.WhenAll(parts.Where(p => p.Count > 0).Select(p => AcceptLinesAsync(batch, p, partitions)));
        foreach (var result in results)
        {
            errors.AddRange(result.Errors);
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await RecordAsync(connection, transaction, batch, errors);
            await transaction.CommitAsync();
        }

        errors.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        return new WaveUploadResult(results.Sum(r => r.Accepted), results.Sum(r => r.AlreadyPresent), errors);
    }

    /// <summary>Adds <paramref name="lines"/> (distinct INS) to the wave in one transaction, with the wave's count and its partitions' passes.</summary>
    private async Task<WaveUploadResult> AcceptLinesAsync(WaveUploadBatch batch, List<WaveLine> lines, int partitions)
    {
        var errors = new List<UploadLineError>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        var firstSeq = long.MaxValue;
        await using (var insert = new NpgsqlCommand(InsertMembers, connection, transaction))
        {
            insert.Parameters.AddWithValue("wave", batch.WaveId);
            insert.Parameters.AddWithValue("upload", batch.UploadId);
            insert.Parameters.AddWithValue("ins", lines.Select(l => l.Ins).ToArray());
            insert.Parameters.AddWithValue("partitions", lines.Select(l => WavePartitionKey.PartitionOf(l.Ins, partitions)).ToArray());
            insert.Parameters.AddWithValue("channels", lines.Select(l => l.Email is null ? "letter" : "email").ToArray());
            insert.Parameters.Add(Texts("emails", lines.Select(l => l.Email)));
            insert.Parameters.Add(Texts("postals", lines.Select(l => l.PostalAddress)));
            insert.Parameters.Add(new NpgsqlParameter("births", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = lines.Select(l => (object?)l.BirthDate ?? DBNull.Value).ToArray() });
            insert.Parameters.Add(Texts("depts", lines.Select(l => l.Departement)));
            insert.Parameters.AddWithValue("lines", lines.Select(l => l.LineNumber).ToArray());
            insert.Parameters.Add(Texts("birthNames", lines.Select(l => l.BirthName)));
            insert.Parameters.Add(Texts("firstNames", lines.Select(l => l.FirstNames)));
            insert.Parameters.Add(Texts("usedNames", lines.Select(l => l.UsedName)));
            await using var reader = await insert.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                inserted.Add(reader.GetString(0));
                firstSeq = Math.Min(firstSeq, reader.GetInt64(1));
            }
        }

        var conflicting = lines.Where(l => !inserted.Contains(l.Ins)).ToList();
        var alreadyPresent = 0;
        if (conflicting.Count > 0)
        {
            var existing = await ReadExistingAsync(connection, transaction, batch.WaveId, conflicting.Select(l => l.Ins).ToArray());
            foreach (var line in conflicting)
            {
                var (upload, lineNo, email, postal) = existing[line.Ins];
                var same = email == line.Email && postal == line.PostalAddress;
                if (upload == batch.UploadId && lineNo != line.LineNumber)
                {
                    errors.Add(new UploadLineError(line.LineNumber, $"this INS already appears at line {lineNo} of this upload"));
                }
                else if (same)
                {
                    alreadyPresent++;
                }
                else
                {
                    errors.Add(new UploadLineError(line.LineNumber, $"this INS is already in the wave with other contact details (upload {upload}, line {lineNo})"));
                }
            }
        }

        if (inserted.Count > 0)
        {
            // The wave's row is locked first, then its partitions', by every writer: same order, no deadlock.
            // A wave that reached its deadline meanwhile takes no more people (the opening pass would
            // send them a deadline without a notice): the batch is rolled back and refused.
            await using (var members = new NpgsqlCommand(
                "UPDATE mes_wave SET members = members + @added WHERE wave_id = @wave AND phase NOT IN ('Opening', 'Completed')", connection, transaction))
            {
                members.Parameters.AddWithValue("wave", batch.WaveId);
                members.Parameters.AddWithValue("added", (long)inserted.Count);
                if (await members.ExecuteNonQueryAsync() == 0)
                {
                    throw DeadlinePassed(batch.WaveId);
                }
            }

            // People added to a launched wave: their partitions' notice passes go back to before them
            // (only people without an outcome are sent anything), and count a reopening so that a
            // page read before this commit does not move the cursor past them (see migration 0008).
            await using var reopen = new NpgsqlCommand("""
                UPDATE mes_wave_partition
                SET cursor_seq = LEAST(cursor_seq, @before), reopenings = reopenings + 1, done = false
                WHERE wave_id = @wave AND phase = 'Notifying' AND partition = ANY(@partitions)
                """, connection, transaction);
            reopen.Parameters.AddWithValue("wave", batch.WaveId);
            reopen.Parameters.AddWithValue("before", firstSeq - 1);
            reopen.Parameters.AddWithValue("partitions", inserted.Select(i => WavePartitionKey.PartitionOf(i, partitions)).Distinct().ToArray());
            await reopen.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return new WaveUploadResult(inserted.Count, alreadyPresent, errors);
    }

    public async Task<WaveUploadStatus> GetUploadAsync(string waveId, string uploadId)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT u.last_line, u.updated_at,
                   (SELECT count(*) FROM mes_wave_member m WHERE m.wave_id = u.wave_id AND m.upload_id = u.upload_id),
                   (SELECT count(*) FROM mes_wave_upload_error e WHERE e.wave_id = u.wave_id AND e.upload_id = u.upload_id)
            FROM mes_wave_upload u WHERE u.wave_id = @wave AND u.upload_id = @upload
            """);
        command.Parameters.AddWithValue("wave", waveId);
        command.Parameters.AddWithValue("upload", uploadId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new WaveUploadStatus(uploadId, reader.GetInt64(0), reader.GetInt64(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(1))
            : new WaveUploadStatus(uploadId, 0, 0, 0, null);
    }

    public async Task<IReadOnlyList<UploadLineError>> GetErrorsAsync(string waveId, string uploadId, long afterLine, int limit)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT line_no, reason FROM mes_wave_upload_error
            WHERE wave_id = @wave AND upload_id = @upload AND line_no > @after ORDER BY line_no LIMIT @limit
            """);
        command.Parameters.AddWithValue("wave", waveId);
        command.Parameters.AddWithValue("upload", uploadId);
        command.Parameters.AddWithValue("after", afterLine);
        command.Parameters.AddWithValue("limit", limit);
        var errors = new List<UploadLineError>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            errors.Add(new UploadLineError(reader.GetInt64(0), reader.GetString(1)));
        }

        return errors;
    }

    private static async Task<Dictionary<string, (string Upload, long Line, string? Email, string? Postal)>> ReadExistingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string waveId, string[] ins)
    {
        await using var command = new NpgsqlCommand(
            "SELECT ins, upload_id, line_no, email, postal_address FROM mes_wave_member WHERE wave_id = @wave AND ins = ANY(@ins)",
            connection, transaction);
        command.Parameters.AddWithValue("wave", waveId);
        command.Parameters.AddWithValue("ins", ins);
        var existing = new Dictionary<string, (string, long, string?, string?)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            existing[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }

        return existing;
    }

    private static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, WaveUploadBatch batch, List<UploadLineError> errors)
    {
        var lastLine = batch.Lines.Select(l => l.LineNumber).Concat(batch.Refused.Select(r => r.LineNumber)).DefaultIfEmpty(0).Max();
        await using var command = new NpgsqlCommand("""
            INSERT INTO mes_wave_upload (wave_id, upload_id, last_line) VALUES (@wave, @upload, @last)
            ON CONFLICT (wave_id, upload_id) DO UPDATE SET last_line = GREATEST(mes_wave_upload.last_line, EXCLUDED.last_line), updated_at = now();
            INSERT INTO mes_wave_upload_error (wave_id, upload_id, line_no, reason)
            SELECT @wave, @upload, e.line_no, e.reason FROM unnest(@error_lines, @error_reasons) AS e(line_no, reason)
            ON CONFLICT DO NOTHING;
            """, connection, transaction);
        command.Parameters.AddWithValue("wave", batch.WaveId);
        command.Parameters.AddWithValue("upload", batch.UploadId);
        command.Parameters.AddWithValue("last", lastLine);
        command.Parameters.AddWithValue("error_lines", errors.Select(e => e.LineNumber).ToArray());
        command.Parameters.AddWithValue("error_reasons", errors.Select(e => e.Reason).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() };
}
