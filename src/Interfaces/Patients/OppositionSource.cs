namespace MonEspaceSante.Interfaces.Patients;

/// <summary>Who recorded an opposition: the person online, or an operator on their behalf (phone, post).</summary>
public enum OppositionSource
{
    Patient = 0,
    Operator = 1,
}
