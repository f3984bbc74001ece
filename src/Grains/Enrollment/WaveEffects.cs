using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>What matters of the profile to decide which effects a change has.</summary>
internal readonly record struct Snapshot(EnrollmentStatus Status, ActivationMode? Mode, string? NoticeWave)
{
    public static Snapshot Of(PatientProfileState state) => new(state.Status, state.ActivationMode, state.Notice?.WaveId);
}

/// <summary>The notices a wave owes a person, given where their profile was before a change and is now (pure).</summary>
internal static class WaveEffects
{
    /// <summary>
    /// The announcement when the person was notified by this change, the "space opened" notice when the deadline
    /// opened it; with <paramref name="force"/> (a replayed event), every notice the state says the wave owes.
    /// <paramref name="eventWave"/>: only the notices of that wave.
    /// </summary>
    public static List<OutboxNotice> NoticesOwed(PatientProfileState state, Snapshot before, bool force, string? eventWave, string ins)
    {
        ArgumentNullException.ThrowIfNull(state);
        var owed = new List<OutboxNotice>(2);
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
                $"announce:{notice.WaveId}:{ins}", NoticeKind.OpeningAnnouncement, state.Channel ?? notice.Channel,
                state.Email, state.PostalAddress, notice.WaveId, notice.OppositionDeadline) { PersonKey = InsMask.Mask(ins), RecipientName = state.RecipientName });
        }

        if (openedNow || (force && state.Status == EnrollmentStatus.Active && state.ActivationMode == ActivationMode.Automatic))
        {
            owed.Add(new OutboxNotice(
                $"opened:{notice.WaveId}:{ins}", NoticeKind.SpaceOpened, state.Channel ?? notice.Channel,
                state.Email, state.PostalAddress, notice.WaveId, null) { PersonKey = InsMask.Mask(ins), RecipientName = state.RecipientName });
        }

        return owed;
    }
}
