using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>The wave tables: definitions, people, uploads. Bulk statements only: a wave has millions of people.</summary>
public sealed partial class WaveStore(NpgsqlDataSource dataSource)
{
    public async Task CreateAsync(string waveId, WaveDefinition definition, int partitions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO mes_wave (wave_id, name, territory, opposition_window, starts_at, partitions, phase, created_at)
            VALUES (@id, @name, @territory, @window, @starts, @partitions, @phase, @now)
            ON CONFLICT (wave_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("name", definition.Name);
        command.Parameters.AddWithValue("territory", definition.Territory);
        command.Parameters.AddWithValue("window", definition.OppositionWindow);
        command.Parameters.AddWithValue("starts", NpgsqlDbType.TimestampTz, (object?)definition.StartsAt ?? DBNull.Value);
        command.Parameters.AddWithValue("partitions", partitions);
        command.Parameters.AddWithValue("phase", WavePhase.Draft.ToString());
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }

    public async Task<WaveRecord?> FindAsync(string waveId)
    {
        await using var command = dataSource.CreateCommand($"{SelectWave} WHERE wave_id = @id");
        command.Parameters.AddWithValue("id", waveId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? ReadWave(reader) : null;
    }

    public async Task<IReadOnlyList<WaveRecord>> ListAsync()
    {
        var waves = new List<WaveRecord>();
        await using var command = dataSource.CreateCommand($"{SelectWave} ORDER BY created_at DESC LIMIT 500");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            waves.Add(ReadWave(reader));
        }

        return waves;
    }

    /// <summary>
    /// Moves a wave to <paramref name="phase"/>, stamping the launch (and deadline) or completion. A
    /// fan-out phase's partition rows are created in the same statement, so that no upload can slip
    /// between: an upload that added people before holds the wave's row until it commits (the launch
    /// waits for it), and one after finds the rows and reopens them (see migration 0008).
    /// </summary>
    public async Task SetPhaseAsync(string waveId, WavePhase phase, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand("""
            WITH wave AS (
                UPDATE mes_wave SET phase = @phase,
                    launched_at = CASE WHEN @phase = 'Notifying' AND launched_at IS NULL THEN @now ELSE launched_at END,
                    deadline = CASE WHEN @phase = 'Notifying' AND deadline IS NULL THEN @now + opposition_window ELSE deadline END,
                    completed_at = CASE WHEN @phase = 'Completed' THEN @now ELSE completed_at END
                WHERE wave_id = @id
                RETURNING partitions
            )
            INSERT INTO mes_wave_partition (wave_id, partition, phase)
            SELECT @id, p, @phase FROM wave, generate_series(0, wave.partitions - 1) AS p
            WHERE @phase IN ('Notifying', 'Opening')
            ON CONFLICT (wave_id, partition, phase) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("phase", phase.ToString());
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// People and outcome counts of a wave, how many were sent <paramref name="phase"/>'s event (at or
    /// before their partition's cursor), and the rate of outcomes over the last minute.
    /// </summary>
    public async Task<WaveCounts> CountAsync(string waveId, WavePhase phase, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT COALESCE(m.outcome, 'Pending'), count(*),
                   count(*) FILTER (WHERE p.done OR m.seq <= p.cursor_seq),
                   count(*) FILTER (WHERE m.outcome_at > @since)
            FROM mes_wave_member m
            LEFT JOIN mes_wave_partition p ON p.wave_id = m.wave_id AND p.partition = m.partition AND p.phase = @phase
            WHERE m.wave_id = @id GROUP BY 1
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("phase", phase.ToString());
        command.Parameters.AddWithValue("since", now.AddMinutes(-1));
        var outcomes = Enum.GetValues<MemberOutcome>().ToDictionary(o => o, _ => 0L);
        long members = 0, dispatched = 0, recent = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var count = reader.GetInt64(1);
            outcomes[Enum.Parse<MemberOutcome>(reader.GetString(0))] += count;
            members += count;
            dispatched += reader.GetInt64(2);
            recent += reader.GetInt64(3);
        }

        return new WaveCounts(members, outcomes, dispatched, recent / 60.0);
    }

    /// <summary>
    /// The next people of a partition, in upload order after <paramref name="afterSeq"/>, still to be
    /// sent <paramref name="phase"/>'s event: no outcome yet (notices), or no outcome or notified (opening).
    /// </summary>
    public async Task<IReadOnlyList<MemberToDispatch>> NextToDispatchAsync(string waveId, int partition, WavePhase phase, long afterSeq, int limit)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT ins, channel, email, postal_address, seq, birth_name, first_names, used_name FROM mes_wave_member
            WHERE wave_id = @id AND partition = @partition AND seq > @after
              AND (outcome IS NULL OR (@opening AND outcome = 'Notified'))
            ORDER BY seq LIMIT @limit
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("partition", (short)partition);
        command.Parameters.AddWithValue("after", afterSeq);
        command.Parameters.AddWithValue("opening", phase == WavePhase.Opening);
        command.Parameters.AddWithValue("limit", limit);
        var members = new List<MemberToDispatch>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            members.Add(new MemberToDispatch(
                reader.GetString(0),
                reader.GetString(1) == "email" ? NoticeChannel.Email : NoticeChannel.Letter,
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt64(4),
                RecipientNames.Of(reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7))));
        }

        return members;
    }

    /// <summary>Where a partition's pass of <paramref name="phase"/> stands (created at the start); null when the pass is complete.</summary>
    public async Task<PartitionCursor?> CursorAsync(string waveId, int partition, WavePhase phase)
    {
        // One statement that creates the row or returns it as it is (the no-op update makes RETURNING see it).
        await using var command = dataSource.CreateCommand("""
            INSERT INTO mes_wave_partition (wave_id, partition, phase) VALUES (@id, @partition, @phase)
            ON CONFLICT (wave_id, partition, phase) DO UPDATE SET done = mes_wave_partition.done
            RETURNING cursor_seq, reopenings, done
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("partition", (short)partition);
        command.Parameters.AddWithValue("phase", phase.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetBoolean(2) ? null : new PartitionCursor(reader.GetInt64(0), reader.GetInt32(1));
    }

    /// <summary>
    /// Moves a partition's cursor from <paramref name="from"/> to <paramref name="to"/> (null: pass
    /// complete). False when an upload reopened the pass meanwhile (its people may be behind the page
    /// just sent): the pass then resumes from the stored cursor.
    /// </summary>
    public async Task<bool> AdvanceAsync(string waveId, int partition, WavePhase phase, PartitionCursor from, long? to)
    {
        ArgumentNullException.ThrowIfNull(from);
        await using var command = dataSource.CreateCommand("""
            UPDATE mes_wave_partition SET cursor_seq = COALESCE(@to, cursor_seq), done = @to IS NULL
            WHERE wave_id = @id AND partition = @partition AND phase = @phase
              AND cursor_seq = @from AND reopenings = @reopenings AND NOT done
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("partition", (short)partition);
        command.Parameters.AddWithValue("phase", phase.ToString());
        command.Parameters.AddWithValue("from", from.Seq);
        command.Parameters.AddWithValue("reopenings", from.Reopenings);
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Bigint) { Value = (object?)to ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Partitions whose pass of <paramref name="phase"/> is not complete.</summary>
    public async Task<long> RemainingAsync(string waveId, int partitions, WavePhase phase)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT @partitions - count(*) FILTER (WHERE done) FROM mes_wave_partition WHERE wave_id = @id AND phase = @phase");
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("partitions", (long)partitions);
        command.Parameters.AddWithValue("phase", phase.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Whether some people's grains have not yet reported the outcome of <paramref name="phase"/>'s event:
    /// no outcome yet, or (opening) still notified. A phase ends when none is left, not when the events are sent.
    /// </summary>
    public async Task<bool> AnyUnresolvedAsync(string waveId, WavePhase phase)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM mes_wave_member
                           WHERE wave_id = @id AND (outcome IS NULL OR (@opening AND outcome = 'Notified')))
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("opening", phase == WavePhase.Opening);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private const string SelectWave = """
        SELECT wave_id, name, territory, opposition_window, starts_at, partitions, phase, created_at, launched_at, deadline, completed_at, members
        FROM mes_wave
        """;

    private static WaveRecord ReadWave(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        new WaveDefinition(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<TimeSpan>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)),
        reader.GetInt32(5),
        Enum.Parse<WavePhase>(reader.GetString(6)),
        reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
        reader.GetInt64(11));

    /// <summary>Refuses an unknown wave with a 404.</summary>
    public async Task<WaveRecord> GetAsync(string waveId) =>
        await FindAsync(waveId) ?? throw new ResourceNotFoundException($"No wave '{waveId}'.");
}

public sealed record WaveRecord(
    string WaveId, WaveDefinition Definition, int Partitions, WavePhase Phase,
    DateTimeOffset CreatedAt, DateTimeOffset? LaunchedAt, DateTimeOffset? Deadline, DateTimeOffset? CompletedAt, long Members);

public sealed record WaveCounts(long Members, IReadOnlyDictionary<MemberOutcome, long> Outcomes, long Dispatched, double RatePerSecond);

/// <summary>How far a partition's pass went: the last seq sent, and the uploads that reopened it so far.</summary>
public sealed record PartitionCursor(long Seq, int Reopenings);

/// <summary>A person to send a wave's event; <see cref="Seq"/> is their place in the wave's upload order.</summary>
public sealed record MemberToDispatch(string Ins, NoticeChannel Channel, string? Email, string? PostalAddress, long Seq, string? RecipientName = null);
