using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>
/// The opt-out opening rules (not notified → notified → opposed | active → closed), as pure
/// functions of the state and the current time so that they are tested without a cluster. Each
/// returns true when it changed the state (and the caller must persist it).
/// </summary>
public static class EnrollmentLifecycle
{
    /// <summary>How long a closed space is archived, and can be reopened.</summary>
    public static readonly TimeSpan ArchivePeriod = TimeSpan.FromDays(3653);

    /// <summary>
    /// How long after a request for early erasure it is done: the regulation asks for at most three months; a month
    /// leaves the holder time to download the export and to change their mind.
    /// </summary>
    public static readonly TimeSpan ErasureRequestDelay = TimeSpan.FromDays(30);

    /// <summary>A notified person whose deadline has passed is open, from the deadline on.</summary>
    public static bool ResolveDeadline(PatientProfileState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != EnrollmentStatus.Notified || state.Notice is null || now < state.Notice.OppositionDeadline)
        {
            return false;
        }

        state.Status = EnrollmentStatus.Active;
        state.ActivatedAt = state.Notice.OppositionDeadline;
        state.ActivationMode = ActivationMode.Automatic;
        return true;
    }

    public static (bool Changed, NotifyOutcome Outcome) Notify(PatientProfileState state, EnrollmentNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.OppositionDeadline <= notice.NotifiedAt)
        {
            throw new InvalidInputException("oppositionDeadline", "the deadline must come after the notice");
        }

        var resolved = ResolveDeadline(state, now);
        var outcome = state.Status switch
        {
            EnrollmentStatus.NotNotified => NotifyOutcome.Notified,
            EnrollmentStatus.Notified when state.Notice?.WaveId == notice.WaveId => NotifyOutcome.AlreadyNotified,
            EnrollmentStatus.Notified => NotifyOutcome.NotifiedByAnotherWave,
            EnrollmentStatus.Opposed => NotifyOutcome.AlreadyOpposed,
            EnrollmentStatus.Active when state.Notice?.WaveId == notice.WaveId => NotifyOutcome.AlreadyNotified,
            EnrollmentStatus.Active => NotifyOutcome.AlreadyActive,
            _ => NotifyOutcome.AlreadyClosed,
        };

        if (outcome == NotifyOutcome.Notified)
        {
            state.Status = EnrollmentStatus.Notified;
            state.Notice = notice;
            ResolveDeadline(state, now);
            return (true, outcome);
        }

        return (resolved, outcome);
    }

    public static bool Activate(PatientProfileState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var resolved = ResolveDeadline(state, now);
        switch (state.Status)
        {
            case EnrollmentStatus.Active:
                return resolved;
            case EnrollmentStatus.Closed when state.ArchivedUntil is { } until && now <= until:
                state.ActivationMode = ActivationMode.Reopened;
                break;
            default:
                state.ActivationMode = ActivationMode.Self;
                break;
        }

        state.Status = EnrollmentStatus.Active;
        state.ActivatedAt = now;
        state.ClosedAt = null;
        state.ArchivedUntil = null;
        state.ErasureRequestedAt = null;
        state.ErasureDueAt = null;
        return true;
    }

    public static bool Oppose(PatientProfileState state, OppositionSource source, DateTimeOffset now, string? operatorId = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var resolved = ResolveDeadline(state, now);
        switch (state.Status)
        {
            case EnrollmentStatus.Opposed:
                return resolved;
            case EnrollmentStatus.NotNotified:
            case EnrollmentStatus.Notified:
                state.Status = EnrollmentStatus.Opposed;
                state.OpposedAt = now;
                state.OpposedBy = source;
                state.OpposedByOperator = source == OppositionSource.Operator ? operatorId : null;
                return true;
            case EnrollmentStatus.Active when state.ActivationMode == ActivationMode.Automatic:
                throw new StateConflictException(
                    "The opposition deadline has passed: the space is open. It can be closed instead (POST /api/v1/me/closure).");
            case EnrollmentStatus.Active:
                throw new StateConflictException(
                    "The space was opened at the holder's request: it can no longer be opposed, but it can be closed (POST /api/v1/me/closure).");
            default:
                throw new StateConflictException("The space is closed: there is nothing to oppose.");
        }
    }

    public static bool Close(PatientProfileState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var resolved = ResolveDeadline(state, now);
        switch (state.Status)
        {
            case EnrollmentStatus.Closed:
                return resolved;
            case EnrollmentStatus.Active:
                state.Status = EnrollmentStatus.Closed;
                state.ClosedAt = now;
                state.ArchivedUntil = now + ArchivePeriod;
                state.ErasureDueAt = state.ArchivedUntil;
                return true;
            case EnrollmentStatus.Notified:
                throw new StateConflictException(
                    "The space is not open yet: oppose before the deadline to keep it from opening (POST /api/v1/me/opposition).");
            default:
                throw new StateConflictException("Only an open space can be closed.");
        }
    }

    /// <summary>
    /// The holder asks for their space to be erased before the archive period ends: an open space is closed first; the
    /// erasure is due <see cref="ErasureRequestDelay"/> later (never later than the archive period's end). Asking again
    /// keeps the first request's date.
    /// </summary>
    public static bool RequestErasure(PatientProfileState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var closed = state.Status == EnrollmentStatus.Active && Close(state, now);
        if (state.Status != EnrollmentStatus.Closed)
        {
            throw new StateConflictException("Only an open or closed space can be erased: this person has no space to erase.");
        }

        if (state.ErasureRequestedAt is not null)
        {
            return closed;
        }

        state.ErasureRequestedAt = now;
        var requested = now + ErasureRequestDelay;
        state.ErasureDueAt = state.ArchivedUntil is { } until && until < requested ? until : requested;
        return true;
    }

    /// <summary>The holder takes a request for early erasure back: the closed space is erased at the archive period's end again.</summary>
    public static bool WithdrawErasure(PatientProfileState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != EnrollmentStatus.Closed || state.ErasureRequestedAt is null)
        {
            return false;
        }

        state.ErasureRequestedAt = null;
        state.ErasureDueAt = state.ArchivedUntil;
        return true;
    }

    /// <summary>
    /// The outcome to report to wave <paramref name="waveId"/> for a person in <paramref name="state"/>:
    /// relative to that wave's notice when it is the one that notified them, else why it changed nothing.
    /// </summary>
    public static MemberOutcome? OutcomeOfNotice(PatientProfileState state, string waveId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Notice?.WaveId == waveId)
        {
            return state.Status switch
            {
                EnrollmentStatus.Notified => MemberOutcome.Notified,
                EnrollmentStatus.Opposed => MemberOutcome.Opposed,
                EnrollmentStatus.Active when state.ActivationMode == ActivationMode.Automatic => MemberOutcome.Opened,
                EnrollmentStatus.Active => MemberOutcome.ActivatedBySelf,
                _ => null,
            };
        }

        return state.Status switch
        {
            EnrollmentStatus.Active => MemberOutcome.AlreadyActive,
            EnrollmentStatus.Opposed => MemberOutcome.AlreadyOpposed,
            EnrollmentStatus.Closed => MemberOutcome.AlreadyClosed,
            EnrollmentStatus.Notified => MemberOutcome.NotifiedByAnotherWave,
            _ => null,
        };
    }

    public static SpaceView Describe(PatientProfileState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new SpaceView
        {
            Status = state.Status,
            Notice = state.Notice,
            OpposedAt = state.OpposedAt,
            OpposedBy = state.OpposedBy,
            ActivatedAt = state.ActivatedAt,
            ActivationMode = state.ActivationMode,
            ClosedAt = state.ClosedAt,
            ArchivedUntil = state.ArchivedUntil,
            ErasureRequestedAt = state.ErasureRequestedAt,
            ErasureDueAt = state.ErasureDueAt,
            CanOppose = state.Status == EnrollmentStatus.NotNotified
                || (state.Status == EnrollmentStatus.Notified && now < state.Notice!.OppositionDeadline),
        };
    }
}
