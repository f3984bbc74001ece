namespace MonEspaceSante.Api.Measurements.Fhir;

/// <summary>
/// The parts of an Observation the measurement rules look at, taken either straight from the JSON (the
/// fast path) or from a Firely POCO, so that both paths are judged by the same <see cref="ObservationRules"/>.
/// </summary>
internal sealed class ObservationFacts
{
    public string? Status { get; init; }

    public IReadOnlyList<CodingFact> Codes { get; init; } = [];

    /// <summary>The first <c>identifier</c>, or null when there is none.</summary>
    public IdentifierFact? Identifier { get; init; }

    public ReferenceFact? Subject { get; init; }

    public EffectiveFact Effective { get; init; } = EffectiveFact.None;

    public QuantityFact? Quantity { get; init; }

    /// <summary>The JSON name of a <c>value[x]</c> that is not a Quantity (<c>valueString</c>...), else null.</summary>
    public string? OtherValue { get; init; }

    public IReadOnlyList<ComponentFact> Components { get; init; } = [];

    public ReferenceFact? Device { get; init; }

    public bool HasModifierExtension { get; init; }

    /// <summary><c>meta.source</c>: the app's own name for where the reading comes from.</summary>
    public string? Source { get; init; }

    /// <summary><c>meta.profile</c>: the profiles the app declares (read back, not enforced).</summary>
    public IReadOnlyList<string> Profiles { get; init; } = [];
}

internal sealed record CodingFact(string? System, string? Code);

internal sealed record IdentifierFact(string? System, string? Value);

internal sealed record ReferenceFact(string? Reference, IdentifierFact? Identifier, string? Display);

internal sealed record QuantityFact(decimal? Value, string? Comparator, string? Unit, string? System, string? Code);

internal sealed record ComponentFact(IReadOnlyList<CodingFact> Codes, QuantityFact? Quantity, string? OtherValue);

/// <summary>The <c>effective[x]</c> as sent: its JSON name and the date-time text to read (a period's start).</summary>
internal sealed record EffectiveFact(string? JsonName, string? Text)
{
    public static readonly EffectiveFact None = new(null, null);
}
