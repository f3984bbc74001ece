using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Documents;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement.</summary>
public static class DocumentCapability
{
    public static IReadOnlyList<CapabilityStatement.ResourceComponent> Resources { get; } = [];
}
