namespace MonEspaceSante.Interfaces.Patients;

/// <summary>What a wave's notice did to one person's space.</summary>
public enum NotifyOutcome
{
    /// <summary>The person was not notified before and now is.</summary>
    Notified = 0,

    /// <summary>The same wave had already notified the person: nothing changed.</summary>
    AlreadyNotified = 1,

    /// <summary>Another wave notified the person earlier: nothing changed.</summary>
    NotifiedByAnotherWave = 2,

    /// <summary>The person had opposed: nothing changed.</summary>
    AlreadyOpposed = 3,

    /// <summary>The space was already open: nothing changed.</summary>
    AlreadyActive = 4,

    /// <summary>The space was closed: nothing changed.</summary>
    AlreadyClosed = 5,
}
