namespace MonEspaceSante.Postgres.Streams;

/// <summary>
/// When a partition's reader goes to PostgreSQL, and for what: the take-over of a previous owner's leases
/// (first read), polling with an idle back-off, lease renewal, the periodic rescan from the head of the
/// partition, and housekeeping (sweeping exhausted rows, the depth gauges). Pure: it decides from the times
/// it is given. The agent calls the reader from one turn at a time; <see cref="Wake"/> may come from a
/// writer's thread, and at worst costs one early poll.
/// </summary>
internal sealed class ReceiverSchedule(PostgresStreamOptions options)
{
    private bool takeOverPending = true;
    private DateTimeOffset nextPollAt;
    private TimeSpan idleDelay;
    private DateTimeOffset nextRenewalAt;
    private DateTimeOffset nextMaintenanceAt;
    private DateTimeOffset nextRescanAt;

    /// <summary>Rows were committed to this partition by this process: poll at the next read, whatever the back-off.</summary>
    public void Wake() => nextPollAt = DateTimeOffset.MinValue;

    /// <summary>Whether a read at <paramref name="now"/> should query PostgreSQL at all.</summary>
    public bool IsDue(DateTimeOffset now, bool holdsLeases) =>
        takeOverPending || now >= nextPollAt || (holdsLeases && now >= nextRenewalAt);

    /// <summary>True until <see cref="TookOver"/>: the first read takes over the previous owner's leases (retried if it fails).</summary>
    public bool TakeOverDue => takeOverPending;

    public void TookOver() => takeOverPending = false;

    /// <summary>Whether the leases held should be renewed now; if so, the next renewal is a third of the visibility timeout away.</summary>
    public bool RenewalDue(DateTimeOffset now, bool holdsLeases)
    {
        if (!holdsLeases || now < nextRenewalAt)
        {
            return false;
        }

        nextRenewalAt = now + (options.VisibilityTimeout / 3);
        return true;
    }

    /// <summary>New leases were taken at <paramref name="now"/> while none was held: their renewal is due in a third of the timeout.</summary>
    public void FirstLeasedAt(DateTimeOffset now) => nextRenewalAt = now + (options.VisibilityTimeout / 3);

    public bool MaintenanceDue(DateTimeOffset now)
    {
        if (now < nextMaintenanceAt)
        {
            return false;
        }

        nextMaintenanceAt = now + options.MaintenanceInterval;
        return true;
    }

    /// <summary>
    /// The id to lease after: <paramref name="leasedUpTo"/>, so that rows in flight at the head are not scanned
    /// again, or 0 once per rescan interval (released rows, late commits, rows offered again).
    /// </summary>
    public long LeaseAfter(DateTimeOffset now, long leasedUpTo)
    {
        if (now < nextRescanAt)
        {
            return leasedUpTo;
        }

        nextRescanAt = now + options.RescanInterval;
        return 0;
    }

    /// <summary>A message was written back to be offered again: rescan once its retry delay is over.</summary>
    public void RescanAfterRetry(DateTimeOffset now) => nextRescanAt = now + options.RetryDelay;

    /// <summary>After a read: an empty one doubles the wait before the next poll (up to the maximum), any message resets it.</summary>
    public void AfterRead(DateTimeOffset now, bool empty)
    {
        if (!empty)
        {
            idleDelay = TimeSpan.Zero;
            return;
        }

        idleDelay = idleDelay == TimeSpan.Zero
            ? options.PollInterval
            : TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.MaxIdlePollInterval.Ticks));
        nextPollAt = now + idleDelay;
    }
}
