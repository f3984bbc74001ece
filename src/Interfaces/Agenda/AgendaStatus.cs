namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>The status of an agenda entry: booked, or cancelled (kept, and shown as such).</summary>
public enum AgendaStatus
{
    Booked = 0,
    Cancelled = 1,
}
