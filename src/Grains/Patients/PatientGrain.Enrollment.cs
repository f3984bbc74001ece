using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// The enrollment stream (namespace <c>enrollment</c>, keyed by this grain's key): a wave's notice
/// and its deadline. Events may come more than once (after a failover) or late (the grain may have
/// resolved a passed deadline on its own): each is applied to the current state, and the effects it
/// should have had are recorded again, idempotently.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Enrollment)]
internal sealed partial class PatientGrain : IStreamSubscriptionObserver, IAsyncObserver<EnrollmentEvent>
{
    /// <summary>Both implicit subscriptions of the grain (enrollment, device readings) resume here.</summary>
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        ArgumentNullException.ThrowIfNull(handleFactory);
        if (handleFactory.StreamId.GetNamespace() == StreamNames.DeviceReadings)
        {
            await handleFactory.Create<ReadingBatch>().ResumeAsync(this);
        }
        else
        {
            await handleFactory.Create<EnrollmentEvent>().ResumeAsync(this);
        }
    }

    public async Task OnNextAsync(EnrollmentEvent item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var before = Snapshot.Of(profile.State);
        var changed = item switch
        {
            WaveNoticeEvent notice => ApplyNotice(notice),
            WaveDeadlineEvent => EnrollmentLifecycle.ResolveDeadline(profile.State, Now),
            _ => false,
        };

        // An event that changed the state records the effects of that change; one that changed
        // nothing (a replay after a crash, or a late event) records again everything this wave
        // should have produced, idempotently. Here the state is written first, then the notices and
        // the outcome together (one statement for many grains): a crash in between leaves the event
        // unacknowledged, and its replay changes nothing, so it records them (force).
        if (changed)
        {
            await WriteProfileAsync();
        }

        await effects.RecordAsync(WaveNoticesOwed(before, force: !changed, item.WaveId), WaveOutcomeOwed(before, force: !changed, item.WaveId), replay: !changed);

        // A wave reaches millions of people who are not using their space: do not keep them in
        // memory for the idle collection age. The person's own next call activates the grain again.
        DeactivateOnIdle();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private bool ApplyNotice(WaveNoticeEvent notice)
    {
        var (changed, _) = EnrollmentLifecycle.Notify(profile.State, new EnrollmentNotice(notice.WaveId, notice.Channel, notice.NotifiedAt, notice.Deadline), Now);
        if (changed && profile.State.Notice?.WaveId == notice.WaveId)
        {
            profile.State.Channel = notice.Channel;
            profile.State.Email = notice.Email;
            profile.State.PostalAddress = notice.PostalAddress;
        }

        // The outcome of a notice for a person already decided is recorded against the notifying wave.
        lastNoticeOutcome = (notice.WaveId, EnrollmentLifecycle.OutcomeOfNotice(profile.State, notice.WaveId));
        return changed;
    }

    private (string WaveId, MemberOutcome? Outcome) lastNoticeOutcome;

    /// <summary>Notices owed by the wave that notified this person, given where the state is now.</summary>
    private List<OutboxNotice> WaveNoticesOwed(Snapshot before, bool force, string? eventWave = null)
    {
        var owed = new List<OutboxNotice>(2);
        var state = profile.State;
        if (state.Notice is not { } notice || (eventWave is not null && notice.WaveId != eventWave))
        {
            return owed;
        }

        var notifiedNow = before.NoticeWave != notice.WaveId;
        var openedNow = state.Status == EnrollmentStatus.Active && state.ActivationMode == ActivationMode.Automatic
            && !(before.Status == EnrollmentStatus.Active && before.Mode == ActivationMode.Automatic);
        if (notifiedNow || (force && state.Status is EnrollmentStatus.Notified or EnrollmentStatus.Active or EnrollmentStatus.Opposed))
        {
            owed.Add(new OutboxNotice(
                $"announce:{notice.WaveId}:{Ins}", NoticeKind.OpeningAnnouncement, state.Channel ?? notice.Channel,
                state.Email, state.PostalAddress, notice.WaveId, notice.OppositionDeadline));
        }

        if (openedNow || (force && state.Status == EnrollmentStatus.Active && state.ActivationMode == ActivationMode.Automatic))
        {
            owed.Add(new OutboxNotice(
                $"opened:{notice.WaveId}:{Ins}", NoticeKind.SpaceOpened, state.Channel ?? notice.Channel,
                state.Email, state.PostalAddress, notice.WaveId, null));
        }

        return owed;
    }

    /// <summary>The person's outcome on the wave's member row, derived from the current state; null when there is none to record.</summary>
    private WaveOutcome? WaveOutcomeOwed(Snapshot before, bool force, string? eventWave = null)
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

    /// <summary>What matters of the profile to decide which effects a change has.</summary>
    private readonly record struct Snapshot(EnrollmentStatus Status, ActivationMode? Mode, string? NoticeWave)
    {
        public static Snapshot Of(PatientProfileState state) => new(state.Status, state.ActivationMode, state.Notice?.WaveId);
    }
}
