using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MonEspaceSante.Interfaces.Errors;
using Npgsql;

namespace MonEspaceSante.Grains.Jobs;

/// <summary>
/// Runs each <see cref="IDailyJob"/> once a day for the whole cluster: every silo checks each minute whether a job's run of
/// the day (Paris) is due, one claims it in <see cref="DailyJobStore"/> and renews its lease while it runs; a run that
/// fails or whose silo dies is claimed again once its lease ends.
/// </summary>
public sealed partial class DailyJobRunner(OwnTables tables, IEnumerable<IDailyJob> jobs, DailyJobSettings settings, TimeProvider time, ILogger<DailyJobRunner> logger) : BackgroundService
{
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.CheckInterval, time);
        do
        {
            foreach (var job in jobs)
            {
                try
                {
                    await RunIfDueAsync(job, stoppingToken);
                }
                catch (FeatureUnavailableException)
                {
                    return;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Whatever failed, the silo keeps running (a background service that throws stops the host): the run's
                    // lease ends and a next check, here or on another silo, runs the job again.
                    LogJobFailed(logger, job.Name, e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs <paramref name="job"/> for today if its hour has come, nobody finished it and nobody holds it; answers whether it ran here.</summary>
    public async Task<bool> RunIfDueAsync(IDailyJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = ParisTime.Of(time.GetUtcNow());
        var today = DateOnly.FromDateTime(now.DateTime);
        if (TimeOnly.FromDateTime(now.DateTime) < job.At)
        {
            return false;
        }

        var store = new DailyJobStore(tables.For("Daily jobs"));
        if (await store.IsFinishedAsync(job.Name, today, cancellationToken) || !await store.TryClaimAsync(job.Name, today, owner, settings.Lease, cancellationToken))
        {
            return false;
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(store, job.Name, today, renewing.Token);
        try
        {
            var summary = await job.RunAsync(today, cancellationToken);
            await store.FinishAsync(job.Name, today, owner, summary, cancellationToken);
            LogJobDone(logger, job.Name, today, summary);
            return true;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewAsync(DailyJobStore store, string job, DateOnly day, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(settings.Lease / 3, time, cancellationToken);
                await store.RenewAsync(job, day, owner, settings.Lease, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (NpgsqlException e)
        {
            LogRenewFailed(logger, job, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily job {Job} of {Day} done: {Summary}")]
    private static partial void LogJobDone(ILogger logger, string job, DateOnly day, string summary);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily job {Job} failed; it runs again once its lease ends")]
    private static partial void LogJobFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily job {Job} could not renew its lease")]
    private static partial void LogRenewFailed(ILogger logger, string job, Exception exception);
}
