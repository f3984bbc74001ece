using Hl7.Fhir.Model;
using static Hl7.Fhir.Model.CapabilityStatement;

namespace MonEspaceSante.Api.Fhir;

/// <summary>Shorthands for the CapabilityStatement entries each brick declares.</summary>
public static class FhirCapability
{
    public static ResourceComponent Resource(string type, string? documentation, TypeRestfulInteraction[] interactions, params CapabilityStatement.SearchParamComponent[] search) => new()
    {
        Type = type,
        Documentation = documentation,
        Interaction = [.. interactions.Select(code => new ResourceInteractionComponent { Code = code })],
        SearchParam = [.. search],
    };

    /// <summary>
    /// Declares how <paramref name="resource"/> is versioned and which conditional interactions it honours: every read
    /// carries <c>meta.versionId</c> and an ETag; no history is kept; an update never creates; conditional reads,
    /// updates and deletes are not offered.
    /// </summary>
    public static ResourceComponent Versioned(this ResourceComponent resource, ResourceVersionPolicy policy, bool conditionalCreate = false)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Versioning = policy;
        resource.ReadHistory = false;
        resource.UpdateCreate = false;
        resource.ConditionalCreate = conditionalCreate;
        resource.ConditionalRead = ConditionalReadStatus.NotSupported;
        resource.ConditionalUpdate = false;
        resource.ConditionalDelete = ConditionalDeleteStatus.NotSupported;
        return resource;
    }

    public static CapabilityStatement.SearchParamComponent Search(string name, SearchParamType type, string? documentation = null) =>
        new() { Name = name, Type = type, Documentation = documentation };
}
