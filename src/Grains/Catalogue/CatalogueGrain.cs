using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonEspaceSante.Interfaces.Catalogue;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Catalogue;

/// <summary>The national catalogue of referenced apps; seeded from configuration with apps it does not know yet.</summary>
[GrainType("catalogue")]
internal sealed partial class CatalogueGrain(
    [PersistentState(StorageNames.Catalogue, StorageNames.Platform)] IPersistentState<CatalogueState> state,
    IOptions<CatalogueSeedOptions> seed,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    WithdrawnApps withdrawnApps) : Grain, ICatalogueGrain
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    public static partial Regex AppIdPattern();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var missing = seed.Value.Seed.Where(app => !state.State.Apps.ContainsKey(app.AppId)).ToList();
        foreach (var app in missing)
        {
            state.State.Apps[app.AppId] = Validate(app.AppId, app.Name, app.Editor, app.Scopes);
        }

        if (missing.Count > 0)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    async Task<CatalogueApp> ICatalogueGrain.ReferenceAsync(string appId, string name, string editor, IReadOnlyList<string> scopes)
    {
        var app = Validate(appId, name, editor, scopes);
        if (state.State.Apps.TryGetValue(appId, out var existing) && existing.IsListed
            && existing.Name == app.Name && existing.Editor == app.Editor && existing.Scopes.SequenceEqual(app.Scopes))
        {
            return existing;
        }

        state.State.Apps[appId] = app;
        await state.WriteStateAsync();
        withdrawnApps.Record(appId, isWithdrawn: false);
        return app;
    }

    async Task<bool> ICatalogueGrain.WithdrawAsync(string appId)
    {
        if (!state.State.Apps.TryGetValue(appId ?? "", out var app))
        {
            return false;
        }

        if (app.IsListed)
        {
            state.State.Apps[app.AppId] = app with { WithdrawnAt = clock.GetUtcNow() };
            await state.WriteStateAsync();
        }

        withdrawnApps.Record(app.AppId, isWithdrawn: true);

        return true;
    }

    Task<IReadOnlyList<CatalogueApp>> ICatalogueGrain.ListAsync(bool includeWithdrawn) =>
        Task.FromResult<IReadOnlyList<CatalogueApp>>(state.State.Apps.Values
            .Where(a => includeWithdrawn || a.IsListed)
            .OrderBy(a => a.IsListed ? 0 : 1).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ToList());

    Task<CatalogueApp?> ICatalogueGrain.FindAsync(string appId) =>
        Task.FromResult(state.State.Apps.GetValueOrDefault(appId ?? ""));

    private CatalogueApp Validate(string appId, string name, string editor, IReadOnlyList<string> scopes)
    {
        if (appId is null || !AppIdPattern().IsMatch(appId))
        {
            throw new InvalidInputException("appId", "1 to 64 lower-case letters, digits, dots, dashes or underscores");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new InvalidInputException("name", "is required (at most 200 characters)");
        }

        if (string.IsNullOrWhiteSpace(editor) || editor.Length > 200)
        {
            throw new InvalidInputException("editor", "is required (at most 200 characters)");
        }

        if (scopes is null || scopes.Count == 0)
        {
            throw new InvalidInputException("scopes", "at least one scope is required");
        }

        if (scopes.FirstOrDefault(s => !Scopes.Known.Contains(s)) is { } unknown)
        {
            throw new InvalidInputException("scopes", $"unknown scope '{unknown}'; known: {string.Join(", ", Scopes.Known.Order(StringComparer.Ordinal))}");
        }

        return new CatalogueApp(appId, name.Trim(), editor.Trim(), scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), clock.GetUtcNow(), null);
    }
}
