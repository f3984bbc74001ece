namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>Which side of now an agenda listing shows.</summary>
public enum AgendaWhen
{
    /// <summary>Entries not yet over (end, or start without end, at or after now), soonest first.</summary>
    Upcoming = 0,

    /// <summary>Entries over before now, most recent first.</summary>
    Past = 1,
}
