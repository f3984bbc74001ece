using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Agenda;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement.</summary>
public static class AgendaCapability
{
    public static IReadOnlyList<CapabilityStatement.ResourceComponent> Resources { get; } = [];
}
