using MonEspaceSante.Interfaces.Catalogue;

namespace MonEspaceSante.Grains.Catalogue;

/// <summary>The catalogue of referenced apps as a person's space sees it: an app's listing, and whether it was withdrawn.</summary>
internal interface IAppDirectory
{
    /// <summary>The app as the catalogue lists it (withdrawn or not), or null when it was never referenced.</summary>
    Task<CatalogueApp?> FindAsync(string appId);

    /// <summary>Whether the catalogue withdrew the app, as this silo knows it (<see cref="WithdrawnApps"/>).</summary>
    bool IsWithdrawn(string appId);
}

/// <summary>The catalogue grain for listings, this silo's copy of the withdrawn apps for the check on every request.</summary>
internal sealed class CatalogueAppDirectory(IGrainFactory grains, WithdrawnApps withdrawn) : IAppDirectory
{
    public Task<CatalogueApp?> FindAsync(string appId) => grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).FindAsync(appId);

    public bool IsWithdrawn(string appId) => withdrawn.Contains(appId);
}
