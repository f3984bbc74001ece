using MonEspaceSante.Grains.Erasure;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>
/// One person's enrollment: the profile state and its lifecycle (<see cref="EnrollmentLifecycle"/>), changed by the
/// person's calls and by the waves' events (<see cref="ApplyAsync"/>), and the effects each change owes: the wave's
/// notices in the outbox and the person's outcome on the wave's member row (<see cref="EnrollmentEffects"/>).
/// Events may come more than once (after a failover) or late (a passed deadline may have been resolved already):
/// each is applied to the current state, and the effects it should have had are recorded again, idempotently.
/// </summary>
internal sealed class EnrollmentFacet(IFacetState<PatientProfileState> profile, EnrollmentEffects effects, ErasureStore erasure, Ins person, TimeProvider clock)
{
    private (string WaveId, MemberOutcome? Outcome) lastNoticeOutcome;

    private DateTimeOffset Now => clock.GetUtcNow();

    private string Ins => person.Value;

    /// <summary>How the person is reached, from the wave that notified them (null: no e-mail known).</summary>
    public string? Email => profile.State.Email;

    public string? PostalAddress => profile.State.PostalAddress;

    public string? RecipientName => profile.State.RecipientName;

    public SpaceView Describe() => EnrollmentLifecycle.Describe(profile.State, Now);

    /// <summary>Resolves a passed opposition deadline (the space opens then) and says whether the space is open.</summary>
    public async Task<bool> IsOpenAsync()
    {
        await ChangeAsync(state => EnrollmentLifecycle.ResolveDeadline(state, Now));
        return profile.State.Status == EnrollmentStatus.Active;
    }

    public async Task<SpaceView> GetSpaceAsync()
    {
        await ChangeAsync(state => EnrollmentLifecycle.ResolveDeadline(state, Now));
        return Describe();
    }

    public async Task<NotifyOutcome> NotifyAsync(EnrollmentNotice notice)
    {
        var outcome = NotifyOutcome.Notified;
        await ChangeAsync(state =>
        {
            (var changed, outcome) = EnrollmentLifecycle.Notify(state, notice, Now);
            return changed;
        });
        return outcome;
    }

    public async Task<SpaceView> ActivateAsync()
    {
        await ChangeAsync(state => EnrollmentLifecycle.Activate(state, Now));
        return Describe();
    }

    public async Task<SpaceView> OpposeAsync(OppositionSource source, string? operatorId = null)
    {
        await ChangeAsync(state => EnrollmentLifecycle.Oppose(state, source, Now, operatorId));
        return Describe();
    }

    public async Task<SpaceView> CloseAsync()
    {
        await ChangeAsync(state => EnrollmentLifecycle.Close(state, Now));
        return Describe();
    }

    /// <summary>The holder asks for early erasure (an open space is closed first).</summary>
    public async Task<SpaceView> RequestErasureAsync()
    {
        await ChangeAsync(state => EnrollmentLifecycle.RequestErasure(state, Now));
        return Describe();
    }

    public async Task<SpaceView> WithdrawErasureAsync()
    {
        await ChangeAsync(EnrollmentLifecycle.WithdrawErasure);
        return Describe();
    }

    /// <summary>When this space is due for erasure: null unless it is closed (a space closed before erasure was scheduled is due at its archive's end).</summary>
    public DateTimeOffset? ErasureDue() =>
        profile.State.Status == EnrollmentStatus.Closed ? profile.State.ErasureDueAt ?? profile.State.ArchivedUntil : null;

    /// <summary>
    /// A wave's event from the <c>enrollment</c> stream. One that changed the state records the effects of that
    /// change; one that changed nothing (a replay after a crash, or a late event) records again everything this wave
    /// should have produced, idempotently. The state is written first, then the notices and the outcome together
    /// (one statement for many grains): a crash in between leaves the event unacknowledged, and its replay changes
    /// nothing, so it records them (force). Effects written before a state that then failed would leave a member
    /// with an outcome (never resent) and a notice for a state that does not exist.
    /// </summary>
    public async Task ApplyAsync(EnrollmentEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var before = Snapshot.Of(profile.State);
        var changed = item switch
        {
            WaveNoticeEvent notice => ApplyNotice(notice),
            WaveDeadlineEvent => EnrollmentLifecycle.ResolveDeadline(profile.State, Now),
            _ => false,
        };
        if (changed)
        {
            await profile.WriteStateAsync();
        }

        await effects.RecordAsync(WaveEffects.NoticesOwed(profile.State, before, !changed, item.WaveId, Ins),
            OutcomeOwed(before, force: !changed, item.WaveId), replay: !changed);
    }

    /// <summary>
    /// Every change of the profile made by a call goes through here: the notices it owes are recorded first,
    /// idempotently, then the state is written, then the outcome on the wave's member row. A crash in between replays
    /// the notices, never loses them (a call is not replayed, so its notices cannot wait for the state, unlike an event's).
    /// </summary>
    private async Task ChangeAsync(Func<PatientProfileState, bool> change)
    {
        var before = Snapshot.Of(profile.State);
        var dueBefore = profile.State.ErasureDueAt;
        var changed = change(profile.State);
        var state = profile.State;
        await effects.RecordAsync(WaveEffects.NoticesOwed(state, before, force: false, eventWave: null, Ins), null);

        // The due row before a closure's state, after a reopening's: a row left behind by a failure in between names a
        // space that is not due, and the erasure job, which asks the grain before erasing, drops it.
        if (state.ErasureDueAt is { } due && due != dueBefore)
        {
            await erasure.ScheduleAsync(Ins, due, state.ClosedAt, state.ErasureRequestedAt);
        }

        if (changed)
        {
            await profile.WriteStateAsync();
        }

        if (state.ErasureDueAt is null && dueBefore is not null)
        {
            await erasure.UnscheduleAsync(Ins);
        }

        await effects.RecordAsync([], OutcomeOwed(before, force: false));
    }

    private bool ApplyNotice(WaveNoticeEvent notice)
    {
        var (changed, _) = EnrollmentLifecycle.Notify(profile.State, new EnrollmentNotice(notice.WaveId, notice.Channel, notice.NotifiedAt, notice.Deadline), Now);
        if (changed && profile.State.Notice?.WaveId == notice.WaveId)
        {
            profile.State.Channel = notice.Channel;
            profile.State.Email = notice.Email;
            profile.State.PostalAddress = notice.PostalAddress;
            profile.State.RecipientName = notice.RecipientName;
        }

        // The outcome of a notice for a person already decided is recorded against the notifying wave.
        lastNoticeOutcome = (notice.WaveId, EnrollmentLifecycle.OutcomeOfNotice(profile.State, notice.WaveId));
        return changed;
    }

    /// <summary>The person's outcome on the wave's member row, derived from the current state; null when there is none to record.</summary>
    private WaveOutcome? OutcomeOwed(Snapshot before, bool force, string? eventWave = null)
    {
        if (eventWave is not null && lastNoticeOutcome.WaveId == eventWave && profile.State.Notice?.WaveId != eventWave)
        {
            // A notice of another wave than the one that notified this person: counted, state unchanged.
            return lastNoticeOutcome.Outcome is { } other ? new WaveOutcome(eventWave, Ins, other) : null;
        }

        if (profile.State.Notice is not { } notice || (eventWave is not null && notice.WaveId != eventWave))
        {
            return null;
        }

        var outcome = EnrollmentLifecycle.OutcomeOfNotice(profile.State, notice.WaveId);
        return outcome is not null && (force || !before.Equals(Snapshot.Of(profile.State)))
            ? new WaveOutcome(notice.WaveId, Ins, outcome.Value)
            : null;
    }
}
