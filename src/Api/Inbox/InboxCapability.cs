using Hl7.Fhir.Model;

namespace MonEspaceSante.Api.Inbox;

/// <summary>What the FHIR API offers for this brick, listed in the CapabilityStatement.</summary>
public static class InboxCapability
{
    public static IReadOnlyList<CapabilityStatement.ResourceComponent> Resources { get; } = [];
}
