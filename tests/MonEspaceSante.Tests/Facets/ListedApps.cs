using MonEspaceSante.Grains.Catalogue;
using MonEspaceSante.Interfaces.Catalogue;

namespace MonEspaceSante.Tests.Facets;

/// <summary>A catalogue the test writes, as a person's space sees it (the catalogue grain has its own tests).</summary>
internal sealed class ListedApps : IAppDirectory
{
    private readonly Dictionary<string, CatalogueApp> apps = new(StringComparer.Ordinal);

    public ListedApps With(string appId, params string[] scopes)
    {
        apps[appId] = new CatalogueApp(appId, $"App {appId}", "Editor", scopes, DateTimeOffset.UnixEpoch, null);
        return this;
    }

    public void Withdraw(string appId) => apps[appId] = apps[appId] with { WithdrawnAt = DateTimeOffset.UnixEpoch.AddDays(1) };

    public Task<CatalogueApp?> FindAsync(string appId) => Task.FromResult(apps.GetValueOrDefault(appId));

    public bool IsWithdrawn(string appId) => apps.TryGetValue(appId, out var app) && !app.IsListed;
}
