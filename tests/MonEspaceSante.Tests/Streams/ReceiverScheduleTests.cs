using MonEspaceSante.Postgres.Streams;

namespace MonEspaceSante.Tests.Streams;

[Trait("Category", "Unit")]
public sealed class ReceiverScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly PostgresStreamOptions Options = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(100),
        MaxIdlePollInterval = TimeSpan.FromMilliseconds(500),
        VisibilityTimeout = TimeSpan.FromSeconds(60),
        MaintenanceInterval = TimeSpan.FromSeconds(5),
        RescanInterval = TimeSpan.FromSeconds(2),
        RetryDelay = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public void The_first_read_takes_over_and_keeps_asking_until_the_take_over_succeeded()
    {
        var schedule = new ReceiverSchedule(Options);
        schedule.AfterRead(T0, empty: true);

        schedule.IsDue(T0, holdsLeases: false).Should().BeTrue("the take-over is pending");
        schedule.TakeOverDue.Should().BeTrue();
        schedule.TookOver();
        schedule.TakeOverDue.Should().BeFalse();
        schedule.IsDue(T0, holdsLeases: false).Should().BeFalse("the idle back-off now applies");
    }

    [Fact]
    public void Empty_reads_double_the_wait_up_to_the_maximum_and_a_message_resets_it()
    {
        var schedule = new ReceiverSchedule(Options);
        schedule.TookOver();
        var now = T0;
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            schedule.AfterRead(now, empty: true);
            var wait = TimeSpan.Zero;
            while (!schedule.IsDue(now + wait, holdsLeases: false))
            {
                wait += TimeSpan.FromMilliseconds(10);
            }

            waits.Add(wait);
            now += wait;
        }

        waits.Select(w => w.TotalMilliseconds).Should().Equal(100, 200, 400, 500, 500);
        schedule.AfterRead(now, empty: false);
        schedule.AfterRead(now, empty: true);
        schedule.IsDue(now + TimeSpan.FromMilliseconds(100), holdsLeases: false).Should().BeTrue("one message resets the back-off");
    }

    [Fact]
    public void A_wake_polls_at_once_whatever_the_back_off()
    {
        var schedule = new ReceiverSchedule(Options);
        schedule.TookOver();
        schedule.AfterRead(T0, empty: true);

        schedule.Wake();

        schedule.IsDue(T0, holdsLeases: false).Should().BeTrue();
    }

    [Fact]
    public void Leases_are_renewed_every_third_of_the_visibility_timeout_counted_from_the_first_lease()
    {
        var schedule = new ReceiverSchedule(Options);
        schedule.FirstLeasedAt(T0);

        schedule.RenewalDue(T0 + TimeSpan.FromSeconds(19), holdsLeases: true).Should().BeFalse();
        schedule.RenewalDue(T0 + TimeSpan.FromSeconds(20), holdsLeases: true).Should().BeTrue();
        schedule.RenewalDue(T0 + TimeSpan.FromSeconds(39), holdsLeases: true).Should().BeFalse();
        schedule.RenewalDue(T0 + TimeSpan.FromSeconds(40), holdsLeases: true).Should().BeTrue();
        schedule.RenewalDue(T0 + TimeSpan.FromSeconds(90), holdsLeases: false).Should().BeFalse("nothing is leased");
    }

    [Fact]
    public void A_renewal_that_falls_due_makes_a_read_due_even_while_idle()
    {
        var schedule = new ReceiverSchedule(Options);
        schedule.TookOver();
        schedule.FirstLeasedAt(T0);
        schedule.AfterRead(T0, empty: true);
        for (var i = 0; i < 10; i++)
        {
            schedule.AfterRead(T0, empty: true);
        }

        schedule.IsDue(T0 + TimeSpan.FromSeconds(20), holdsLeases: false).Should().BeTrue("the idle back-off is at most 500 ms");
        schedule.IsDue(T0 + TimeSpan.FromMilliseconds(400), holdsLeases: true).Should().BeFalse();
        schedule.IsDue(T0 + TimeSpan.FromSeconds(20), holdsLeases: true).Should().BeTrue();
    }

    [Fact]
    public void Reads_go_on_from_the_last_leased_id_and_from_the_head_once_per_rescan_interval()
    {
        var schedule = new ReceiverSchedule(Options);

        schedule.LeaseAfter(T0, 42).Should().Be(0, "the first read starts at the head");
        schedule.LeaseAfter(T0 + TimeSpan.FromSeconds(1), 42).Should().Be(42);
        schedule.LeaseAfter(T0 + TimeSpan.FromSeconds(2), 42).Should().Be(0);
        schedule.RescanAfterRetry(T0 + TimeSpan.FromSeconds(2));
        schedule.LeaseAfter(T0 + TimeSpan.FromSeconds(4), 50).Should().Be(50, "a retry moves the rescan to the end of its delay");
        schedule.LeaseAfter(T0 + TimeSpan.FromSeconds(5), 50).Should().Be(0);
    }

    [Fact]
    public void Housekeeping_runs_at_the_first_read_then_once_per_maintenance_interval()
    {
        var schedule = new ReceiverSchedule(Options);

        schedule.MaintenanceDue(T0).Should().BeTrue();
        schedule.MaintenanceDue(T0 + TimeSpan.FromSeconds(4)).Should().BeFalse();
        schedule.MaintenanceDue(T0 + TimeSpan.FromSeconds(5)).Should().BeTrue();
    }
}
