using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>The facts of a Firely <see cref="Observation"/> (the slow path, and Observations built in code).</summary>
internal static class ObservationPocoFacts
{
    public static ObservationFacts From(Observation observation) => new()
    {
        Status = observation.Status?.GetLiteral(),
        Codes = CodingsOf(observation.Code),
        Identifier = observation.Identifier.Count > 0 ? IdentifierOf(observation.Identifier[0]) : null,
        Subject = ReferenceOf(observation.Subject),
        Effective = EffectiveOf(observation.Effective),
        Quantity = observation.Value as Quantity is { } quantity ? QuantityOf(quantity) : null,
        OtherValue = observation.Value is { } value and not Quantity ? ChoiceName("value", value) : null,
        Components = observation.Component.Select(ComponentOf).ToList(),
        Device = ReferenceOf(observation.Device),
        HasModifierExtension = observation.ModifierExtension.Count > 0 || observation.Component.Any(c => c.ModifierExtension.Count > 0),
        Source = observation.Meta?.Source,
        Profiles = observation.Meta?.Profile.OfType<string>().Where(p => p.Length > 0).ToList() ?? [],
    };

    private static ComponentFact ComponentOf(Observation.ComponentComponent component) => new(
        CodingsOf(component.Code),
        component.Value as Quantity is { } quantity ? QuantityOf(quantity) : null,
        component.Value is { } value and not Quantity ? ChoiceName("value", value) : null);

    private static List<CodingFact> CodingsOf(CodeableConcept? concept) =>
        concept is null ? [] : concept.Coding.Select(c => new CodingFact(c.System, c.Code)).ToList();

    private static IdentifierFact? IdentifierOf(Identifier? identifier) =>
        identifier is null ? null : new(identifier.System, identifier.Value);

    private static ReferenceFact? ReferenceOf(ResourceReference? reference) =>
        reference is null ? null : new(reference.Reference, IdentifierOf(reference.Identifier), reference.Display);

    private static QuantityFact QuantityOf(Quantity quantity) =>
        new(quantity.Value, quantity.Comparator?.GetLiteral(), quantity.Unit, quantity.System, quantity.Code);

    private static EffectiveFact EffectiveOf(DataType? effective) => effective switch
    {
        null => EffectiveFact.None,
        FhirDateTime dateTime => new("effectiveDateTime", dateTime.Value),
        Period period => new("effectivePeriod", period.Start),
        Instant instant => new("effectiveInstant", instant.Value?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        _ => new(ChoiceName("effective", effective), null),
    };

    /// <summary>The JSON name of a choice element: <c>value</c> + <c>String</c>.</summary>
    internal static string ChoiceName(string element, DataType value) =>
        element + char.ToUpperInvariant(value.TypeName[0]) + value.TypeName[1..];
}
