using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;
using Npgsql;
using NpgsqlTypes;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>The wave tables: definitions, people, uploads. Bulk statements only: a wave has millions of people.</summary>
public sealed partial class WaveStore(NpgsqlDataSource dataSource)
{
    public async Task CreateAsync(string waveId, WaveDefinition definition, int partitions)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO mes_wave (wave_id, name, territory, opposition_window, starts_at, partitions, phase)
            VALUES (@id, @name, @territory, @window, @starts, @partitions, @phase)
            ON CONFLICT (wave_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("name", definition.Name);
        command.Parameters.AddWithValue("territory", definition.Territory);
        command.Parameters.AddWithValue("window", definition.OppositionWindow);
        command.Parameters.AddWithValue("starts", NpgsqlDbType.TimestampTz, (object?)definition.StartsAt ?? DBNull.Value);
        command.Parameters.AddWithValue("partitions", partitions);
        command.Parameters.AddWithValue("phase", WavePhase.Draft.ToString());
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

    /// <summary>Moves a wave to <paramref name="phase"/>, stamping the launch (and deadline) or completion.</summary>
    public async Task SetPhaseAsync(string waveId, WavePhase phase, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE mes_wave SET phase = @phase,
                launched_at = CASE WHEN @phase = 'Notifying' AND launched_at IS NULL THEN @now ELSE launched_at END,
                deadline = CASE WHEN @phase = 'Notifying' AND deadline IS NULL THEN @now + opposition_window ELSE deadline END,
                completed_at = CASE WHEN @phase = 'Completed' THEN @now ELSE completed_at END
            WHERE wave_id = @id
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("phase", phase.ToString());
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>People, dispatch and outcome counts of a wave, and the rate of outcomes over the last minute.</summary>
    public async Task<WaveCounts> CountAsync(string waveId, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT COALESCE(outcome, 'Pending'), count(*),
                   count(*) FILTER (WHERE dispatched >= 1), count(*) FILTER (WHERE dispatched >= 2),
                   count(*) FILTER (WHERE outcome_at > @since)
            FROM mes_wave_member WHERE wave_id = @id GROUP BY 1
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("since", now.AddMinutes(-1));
        var outcomes = Enum.GetValues<MemberOutcome>().ToDictionary(o => o, _ => 0L);
        long members = 0, notices = 0, deadlines = 0, recent = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var count = reader.GetInt64(1);
            outcomes[Enum.Parse<MemberOutcome>(reader.GetString(0))] += count;
            members += count;
            notices += reader.GetInt64(2);
            deadlines += reader.GetInt64(3);
            recent += reader.GetInt64(4);
        }

        return new WaveCounts(members, outcomes, notices, deadlines, recent / 60.0);
    }

    /// <summary>The next people of a partition still to be sent <paramref name="phase"/>'s event.</summary>
    public async Task<IReadOnlyList<MemberToDispatch>> NextToDispatchAsync(string waveId, int partition, WavePhase phase, int limit)
    {
        var level = phase == WavePhase.Notifying ? 1 : 2;
        await using var command = dataSource.CreateCommand("""
            SELECT ins, channel, email, postal_address FROM mes_wave_member
            WHERE wave_id = @id AND partition = @partition AND dispatched < @level
              AND (@level = 1 OR outcome IS NULL OR outcome = 'Notified')
            ORDER BY dispatched, ins LIMIT @limit
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("partition", (short)partition);
        command.Parameters.AddWithValue("level", (short)level);
        command.Parameters.AddWithValue("limit", limit);
        var members = new List<MemberToDispatch>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            members.Add(new MemberToDispatch(
                reader.GetString(0),
                reader.GetString(1) == "email" ? NoticeChannel.Email : NoticeChannel.Letter,
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return members;
    }

    public async Task MarkDispatchedAsync(string waveId, WavePhase phase, IReadOnlyCollection<string> ins)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE mes_wave_member SET dispatched = @level
            WHERE wave_id = @id AND ins = ANY(@ins) AND dispatched < @level
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("level", (short)(phase == WavePhase.Notifying ? 1 : 2));
        command.Parameters.AddWithValue("ins", ins.ToArray());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>People of the wave still to be sent <paramref name="phase"/>'s event.</summary>
    public async Task<long> RemainingAsync(string waveId, WavePhase phase)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM mes_wave_member
            WHERE wave_id = @id AND dispatched < @level AND (@level = 1 OR outcome IS NULL OR outcome = 'Notified')
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("level", (short)(phase == WavePhase.Notifying ? 1 : 2));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// People whose grain has not yet reported the outcome of <paramref name="phase"/>'s event: no
    /// outcome yet, or (opening) still notified. A phase ends when this is zero, not when the events are sent.
    /// </summary>
    public async Task<long> UnresolvedAsync(string waveId, WavePhase phase)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM mes_wave_member
            WHERE wave_id = @id AND (outcome IS NULL OR (@level = 2 AND outcome = 'Notified'))
            """);
        command.Parameters.AddWithValue("id", waveId);
        command.Parameters.AddWithValue("level", (short)(phase == WavePhase.Notifying ? 1 : 2));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private const string SelectWave = """
        SELECT wave_id, name, territory, opposition_window, starts_at, partitions, phase, created_at, launched_at, deadline, completed_at
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
        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10));

    /// <summary>Refuses an unknown wave with a 404.</summary>
    public async Task<WaveRecord> GetAsync(string waveId) =>
        await FindAsync(waveId) ?? throw new ResourceNotFoundException($"No wave '{waveId}'.");
}

public sealed record WaveRecord(
    string WaveId, WaveDefinition Definition, int Partitions, WavePhase Phase,
    DateTimeOffset CreatedAt, DateTimeOffset? LaunchedAt, DateTimeOffset? Deadline, DateTimeOffset? CompletedAt);

public sealed record WaveCounts(long Members, IReadOnlyDictionary<MemberOutcome, long> Outcomes, long NoticesDispatched, long DeadlinesDispatched, double RatePerSecond);

public sealed record MemberToDispatch(string Ins, NoticeChannel Channel, string? Email, string? PostalAddress);
