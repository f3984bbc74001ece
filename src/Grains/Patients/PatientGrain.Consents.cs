using System.Text.RegularExpressions;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Catalogue;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// The consents facet: which referenced apps may do what. Checked on every call of an app (a
/// revocation holds from the very next request) and again when its readings arrive from the stream.
/// </summary>
internal sealed partial class PatientGrain : IPatientConsentsGrain
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex AppIdPattern();

    async Task<AppConsent> IPatientConsentsGrain.GrantAsync(string appId, IReadOnlyList<string> scopes)
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

        var listed = await GrainFactory.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).FindAsync(appId);
        if (listed is not { IsListed: true })
        {
            throw new ResourceNotFoundException($"App '{appId}' is not in the catalogue of referenced apps (GET /api/v1/catalogue/apps).");
        }

        if (scopes.FirstOrDefault(s => !listed.Scopes.Contains(s, StringComparer.Ordinal)) is { } beyond)
        {
            throw new InvalidInputException("scopes", $"app '{appId}' is referenced for {string.Join(", ", listed.Scopes)} only, not '{beyond}'");
        }

        await ChangeAsync(state => EnrollmentLifecycle.ResolveDeadline(state, Now));
        if (profile.State.Status != EnrollmentStatus.Active)
        {
            throw new StateConflictException("The space is not open: open it before connecting apps (POST /api/v1/me/activation).");
        }

        var consent = new AppConsent(appId, scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), Now, null);
        await consents.LoadAsync();
        consents.State.Apps[appId] = consent;
        await consents.WriteStateAsync();
        return consent;
    }

    async Task<bool> IPatientConsentsGrain.RevokeAsync(string appId)
    {
        CheckAppId(appId);
        await consents.LoadAsync();
        if (!consents.State.Apps.TryGetValue(appId, out var consent))
        {
            return false;
        }

        if (consent.IsLive)
        {
            consents.State.Apps[appId] = consent with { RevokedAt = Now };
            await consents.WriteStateAsync();
        }

        return true;
    }

    async Task<IReadOnlyList<AppConsent>> IPatientConsentsGrain.GetConsentsAsync()
    {
        await consents.LoadAsync();
        return consents.State.Apps.Values.OrderBy(c => c.AppId, StringComparer.Ordinal).ToList();
    }

    async Task<IReadOnlyList<AppConsent>> IPatientConsentsGrain.ReadConsentsAsync(Accessor accessor)
    {
        var grant = await AuthorizeAsync(accessor, SpaceBrick.Consents, SpaceAction.Read, "consents");
        return consents.State.Apps.Values
            .Where(c => grant.Viewer != SpaceViewer.App || c.AppId == accessor.Id)
            .OrderBy(c => c.AppId, StringComparer.Ordinal).ToList();
    }

    async Task<IReadOnlyList<string>> IPatientConsentsGrain.AllowedAsync(string appId, IReadOnlyList<string> scopes)
    {
        await consents.LoadAsync();
        return scopes.Where(s => Allows(appId, s)).ToList();
    }

    /// <summary>Whether <paramref name="appId"/> holds a live consent now, in an open space, and is still in the catalogue.</summary>
    private bool IsConnected(string appId) =>
        profile.State.Status == EnrollmentStatus.Active && consents.State.Apps.TryGetValue(appId, out var consent) && consent.IsLive
        && !withdrawnApps.Contains(appId);

    /// <summary>Whether <paramref name="appId"/> holds <paramref name="scope"/> now, in an open space, and is still in the catalogue.</summary>
    private bool Allows(string appId, string scope) =>
        IsConnected(appId) && consents.State.Apps[appId].Scopes.Contains(scope, StringComparer.Ordinal);

    private static void CheckAppId(string appId)
    {
        if (appId is null || !AppIdPattern().IsMatch(appId))
        {
            throw new InvalidInputException("appId", "1 to 64 lower-case letters, digits, dots, dashes or underscores");
        }
    }
}
