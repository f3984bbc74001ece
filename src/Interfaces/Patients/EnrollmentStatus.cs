namespace MonEspaceSante.Interfaces.Patients;

/// <summary>Where a person's space stands in the opt-out opening lifecycle.</summary>
public enum EnrollmentStatus
{
    /// <summary>No wave has notified this person yet.</summary>
    NotNotified = 0,

    /// <summary>Notified by a wave; may oppose until the deadline.</summary>
    Notified = 1,

    /// <summary>Opposed to the opening of the space.</summary>
    Opposed = 2,

    /// <summary>The space is open.</summary>
    Active = 3,

    /// <summary>Closed by the person; data archived until <see cref="SpaceView.ArchivedUntil"/>.</summary>
    Closed = 4,
}
