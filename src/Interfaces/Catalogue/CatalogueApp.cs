namespace MonEspaceSante.Interfaces.Catalogue;

/// <summary>A state-referenced app: who makes it and the scopes it may ask a person for.</summary>
[GenerateSerializer, Immutable, Alias("mes.CatalogueApp")]
public sealed record CatalogueApp(
    [property: Id(0)] string AppId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Editor,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] DateTimeOffset ReferencedAt,
    [property: Id(5)] DateTimeOffset? WithdrawnAt)
{
    /// <summary>Referenced and not withdrawn: people may connect it.</summary>
    public bool IsListed => WithdrawnAt is null;
}
