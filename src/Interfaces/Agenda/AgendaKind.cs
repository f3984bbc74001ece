namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>What an agenda entry is: a consultation or examination, or a stay in hospital.</summary>
public enum AgendaKind
{
    Appointment = 0,
    Hospitalisation = 1,
}
