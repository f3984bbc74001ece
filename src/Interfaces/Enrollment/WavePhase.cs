namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>Where a wave stands.</summary>
public enum WavePhase
{
    /// <summary>Accepting uploads; notices not sent yet.</summary>
    Draft = 0,

    /// <summary>Notices being fanned out to the people of the wave.</summary>
    Notifying = 1,

    /// <summary>Everyone is notified; waiting for the opposition deadline.</summary>
    Notified = 2,

    /// <summary>The deadline passed: opening being fanned out.</summary>
    Opening = 3,

    /// <summary>Done.</summary>
    Completed = 4,
}
