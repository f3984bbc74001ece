namespace MonEspaceSante.Grains.Patients;

/// <summary>The agenda facet: appointments and hospitalisations, and the prevention reminder setting.</summary>
[GenerateSerializer, Alias("mes.AgendaState")]
public sealed class AgendaState
{
}
