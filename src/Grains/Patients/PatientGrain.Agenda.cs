namespace MonEspaceSante.Grains.Patients;

/// <summary>The agenda facet: to be built.</summary>
internal sealed partial class PatientGrain
{
    private IPersistentState<AgendaState> Agenda => agenda;
}
