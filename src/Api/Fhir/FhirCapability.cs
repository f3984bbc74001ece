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

    public static CapabilityStatement.SearchParamComponent Search(string name, SearchParamType type, string? documentation = null) =>
        new() { Name = name, Type = type, Documentation = documentation };
}
