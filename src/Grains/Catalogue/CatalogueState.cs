using MonEspaceSante.Interfaces.Catalogue;

namespace MonEspaceSante.Grains.Catalogue;

/// <summary>The catalogue of referenced apps (hundreds at most: small enough for one grain's state).</summary>
[GenerateSerializer, Alias("mes.CatalogueState")]
public sealed class CatalogueState
{
    [Id(0)] public Dictionary<string, CatalogueApp> Apps { get; set; } = new(StringComparer.Ordinal);
}
