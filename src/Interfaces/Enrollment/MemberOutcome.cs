namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>What a wave did to one person, as their grain reported it.</summary>
public enum MemberOutcome
{
    /// <summary>Uploaded; the grain has not handled the notice yet.</summary>
    Pending = 0,

    /// <summary>Notified by this wave; may oppose until the deadline.</summary>
    Notified = 1,

    /// <summary>Already open before the wave: left unchanged.</summary>
    AlreadyActive = 2,

    /// <summary>Had opposed before the wave: left unchanged.</summary>
    AlreadyOpposed = 3,

    /// <summary>Had closed their space: left unchanged.</summary>
    AlreadyClosed = 4,

    /// <summary>Notified earlier by another wave: left unchanged.</summary>
    NotifiedByAnotherWave = 5,

    /// <summary>Opposed during this wave's window.</summary>
    Opposed = 6,

    /// <summary>Opened the space themselves during the window.</summary>
    ActivatedBySelf = 7,

    /// <summary>Opened automatically at the deadline.</summary>
    Opened = 8,
}
