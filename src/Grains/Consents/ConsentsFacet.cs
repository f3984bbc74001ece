using System.Text.RegularExpressions;
using MonEspaceSante.Grains.Catalogue;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Consents;

/// <summary>
/// Which referenced apps may do what in one person's space. Checked on every call of an app (a revocation
/// holds from the very next request) and again when its readings arrive from the stream. An app withdrawn
/// from the catalogue is refused even where its consent is still live (kept, and valid again if it is listed again).
/// </summary>
internal sealed partial class ConsentsFacet(IFacetState<ConsentsState> consents, IPersonSpace space, IAppDirectory catalogue)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex AppIdPattern();

    /// <summary>Reads the consents once per activation; the access check and the readings handler need them.</summary>
    public ValueTask LoadAsync() => consents.LoadAsync();

    public async Task<AppConsent> GrantAsync(string appId, IReadOnlyList<string> scopes)
    {
        CheckAppId(appId);
        if (scopes is null || scopes.Count == 0)
        {
            throw new InvalidInputException("scopes", "at least one scope is required");
        }

        if (scopes.FirstOrDefault(s => !Scopes.Known.Contains(s)) is { } unknown)
        {
            throw new InvalidInputException("scopes", $"unknown scope '{unknown}'");
        }

        var listed = await catalogue.FindAsync(appId);
        if (listed is not { IsListed: true })
        {
            throw new ResourceNotFoundException($"App '{appId}' is not in the catalogue of referenced apps (GET /api/v1/catalogue/apps).");
        }

        if (scopes.FirstOrDefault(s => !listed.Scopes.Contains(s, StringComparer.Ordinal)) is { } beyond)
        {
            throw new InvalidInputException("scopes", $"app '{appId}' is referenced for {string.Join(", ", listed.Scopes)} only, not '{beyond}'");
        }

        if (!await space.IsOpenAsync())
        {
            throw new StateConflictException("The space is not open: open it before connecting apps (POST /api/v1/me/activation).");
        }

        var consent = new AppConsent(appId, scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), space.Now, null);
        await consents.LoadAsync();
        consents.State.Apps[appId] = consent;
        await consents.WriteStateAsync();
        return consent;
    }

    /// <summary>Revokes the app's consent (kept, for the record); false when the person never connected it.</summary>
    public async Task<bool> RevokeAsync(string appId)
    {
        CheckAppId(appId);
        await consents.LoadAsync();
        if (!consents.State.Apps.TryGetValue(appId, out var consent))
        {
            return false;
        }

        if (consent.IsLive)
        {
            consents.State.Apps[appId] = consent with { RevokedAt = space.Now };
            await consents.WriteStateAsync();
        }

        return true;
    }

    /// <summary>The holder's own list (the API checked it is the holder, or a representative through the controls).</summary>
    public async Task<IReadOnlyList<AppConsent>> ListAsync()
    {
        await consents.LoadAsync();
        return Ordered(consents.State.Apps.Values);
    }

    /// <summary>The consents as <paramref name="accessor"/> may read them: an app only its own.</summary>
    public async Task<IReadOnlyList<AppConsent>> ReadAsync(Accessor accessor)
    {
        await consents.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Consents, SpaceAction.Read, "consents");
        return Ordered(consents.State.Apps.Values.Where(c => grant.Viewer != SpaceViewer.App || c.AppId == accessor.Id));
    }

    /// <summary>The scopes of <paramref name="scopes"/> that <paramref name="appId"/> holds now.</summary>
    public async Task<IReadOnlyList<string>> AllowedAsync(string appId, IReadOnlyList<string> scopes)
    {
        await consents.LoadAsync();
        var open = await space.IsOpenAsync();
        return scopes.Where(s => Holds(appId, s, open)).ToList();
    }

    /// <summary>
    /// Whether <paramref name="appId"/> holds <paramref name="scope"/> (<see cref="SpacePolicy.AnyScope"/>: any live
    /// consent) in a space that is <paramref name="open"/>, while still in the catalogue. Call after <see cref="LoadAsync"/>.
    /// </summary>
    public bool Holds(string appId, string scope, bool open) =>
        open && consents.State.Apps.TryGetValue(appId, out var consent) && consent.IsLive && !catalogue.IsWithdrawn(appId)
        && (scope == SpacePolicy.AnyScope || consent.Scopes.Contains(scope, StringComparer.Ordinal));

    private static List<AppConsent> Ordered(IEnumerable<AppConsent> consents) => consents.OrderBy(c => c.AppId, StringComparer.Ordinal).ToList();

    private static void CheckAppId(string appId)
    {
        if (appId is null || !AppIdPattern().IsMatch(appId))
        {
            throw new InvalidInputException("appId", "1 to 64 lower-case letters, digits, dots, dashes or underscores");
        }
    }
}
