using Npgsql;

namespace MonEspaceSante.Grains.Jobs;

/// <summary>The table of daily runs: claimed by one silo at a time under a lease, finished once.</summary>
public sealed class DailyJobStore(NpgsqlDataSource dataSource)
{
    /// <summary>Claims the run of <paramref name="job"/> for <paramref name="day"/>: true when this owner holds it now (new, or its last owner's lease ended).</summary>
    public async Task<bool> TryClaimAsync(string job, DateOnly day, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO mes_daily_job (job, day, owner, lease_until) VALUES (@job, @day, @owner, now() + @lease)
            ON CONFLICT (job, day) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until, started_at = now(), attempts = mes_daily_job.attempts + 1
            WHERE mes_daily_job.finished_at IS NULL AND mes_daily_job.lease_until <= now()
            RETURNING job
            """);
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("lease", lease);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Whether the run of <paramref name="job"/> for <paramref name="day"/> is finished.</summary>
    public async Task<bool> IsFinishedAsync(string job, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT finished_at IS NOT NULL FROM mes_daily_job WHERE job = @job AND day = @day");
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("day", day);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public async Task RenewAsync(string job, DateOnly day, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE mes_daily_job SET lease_until = now() + @lease WHERE job = @job AND day = @day AND owner = @owner AND finished_at IS NULL");
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("lease", lease);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FinishAsync(string job, DateOnly day, string owner, string summary, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE mes_daily_job SET finished_at = now(), summary = @summary WHERE job = @job AND day = @day AND owner = @owner");
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("summary", summary);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
