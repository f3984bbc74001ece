using System.Globalization;

namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>The inclusive bounds, in canonical units, outside which a value is taken for an input error.</summary>
public readonly record struct PlausibleRange(decimal Min, decimal Max)
{
    public bool Contains(decimal value) => value >= Min && value <= Max;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Min} to {Max}");
}
