using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MonEspaceSante.Grains.Jobs;
using MonEspaceSante.Tests.Infrastructure;
using Npgsql;

namespace MonEspaceSante.Tests.Notices;

/// <summary>Daily jobs on a real PostgreSQL: once a day for the cluster, from their hour, again after a run that failed.</summary>
public sealed class DailyJobRunnerTests : IAsyncLifetime
{
    private MigratedDatabase database = null!;

    private NpgsqlDataSource dataSource => database.DataSource;

    public async Task InitializeAsync() => database = await MigratedDatabase.CreateAsync("jobs");

    public async Task DisposeAsync() => await database.DisposeAsync();

    private DailyJobRunner Runner(IDailyJob job, FakeTimeProvider clock, TimeSpan? lease = null) =>
        new(database.Tables, [job], new DailyJobSettings { Lease = lease ?? TimeSpan.FromMinutes(10) }, clock, NullLogger<DailyJobRunner>.Instance);

    [Fact]
    public async Task Two_silos_run_a_job_once_a_day_and_not_before_its_hour()
    {
        var job = new CountingJob(new TimeOnly(7, 0));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 5, 30, 0, TimeSpan.Zero));
        var (first, second) = (Runner(job, clock), Runner(job, clock));

        var early = await first.RunIfDueAsync(job, CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        var both = await Task.WhenAll(first.RunIfDueAsync(job, CancellationToken.None), second.RunIfDueAsync(job, CancellationToken.None));
        var again = await second.RunIfDueAsync(job, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await second.RunIfDueAsync(job, CancellationToken.None);

        early.Should().BeFalse("06:30 in Paris is before the job's hour");
        both.Count(ran => ran).Should().Be(1);
        (again, tomorrow).Should().Be((false, true));
        job.Days.Should().Equal(new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 5));
        (await dataSource.CountAsync("SELECT count(*) FROM mes_daily_job WHERE job = 'counting' AND finished_at IS NOT NULL AND summary = 'counted'")).Should().Be(2);
    }

    [Fact]
    public async Task A_run_that_failed_is_run_again_once_its_lease_ends()
    {
        var job = new CountingJob(new TimeOnly(0, 0)) { FailNext = true };
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var runner = Runner(job, clock, lease: TimeSpan.FromSeconds(1));

        await FluentActions.Awaiting(() => runner.RunIfDueAsync(job, CancellationToken.None)).Should().ThrowAsync<InvalidOperationException>();
        var duringLease = await runner.RunIfDueAsync(job, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var afterLease = await runner.RunIfDueAsync(job, CancellationToken.None);

        (duringLease, afterLease).Should().Be((false, true));
        (await dataSource.CountAsync("SELECT attempts FROM mes_daily_job WHERE job = 'counting'")).Should().Be(2);
    }

    private sealed class CountingJob(TimeOnly at) : IDailyJob
    {
        public List<DateOnly> Days { get; } = [];

        public bool FailNext { get; set; }

        public string Name => "counting";

        public TimeOnly At => at;

        public async Task<string> RunAsync(DateOnly today, CancellationToken cancellationToken)
        {
            await Task.Delay(50, cancellationToken);
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("the job failed");
            }

            lock (Days)
            {
                Days.Add(today);
            }

            return "counted";
        }
    }
}
