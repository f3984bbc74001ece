namespace MonEspaceSante.Grains.Patients.Access;

/// <summary>The parts of a space access is decided for.</summary>
public enum SpaceBrick
{
    Documents,
    Agenda,
    Inbox,
    Consents,
    Measurements,
    Controls,
    AccessHistory,
    Export,
    MedicalProfile,
}

/// <summary>Reading or writing a brick.</summary>
public enum SpaceAction
{
    Read,
    Write,
}

/// <summary>On whose side the accessor stands once admitted: it decides which visibility labels hide a document.</summary>
public enum SpaceViewer
{
    /// <summary>The person themself.</summary>
    Holder,

    /// <summary>A legal representative acting for a minor: sees what the holder sees, except documents labelled INVISIBLE_REPRESENTANTS_LEGAUX.</summary>
    Representative,

    /// <summary>A professional (standard, emergency or break-glass).</summary>
    Professional,

    /// <summary>A referenced app under a live consent: acts for the person, sees what the holder sees.</summary>
    App,

    /// <summary>An operator of the insurer (deposits only).</summary>
    Operator,
}
