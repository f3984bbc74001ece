namespace MonEspaceSante.Interfaces.Catalogue;

/// <summary>
/// The catalogue of state-referenced apps (one grain, key <see cref="Key"/>). Operators reference and
/// withdraw apps; people browse it and connect apps with a subset of their scopes.
/// </summary>
[Alias("mes.ICatalogueGrain")]
public interface ICatalogueGrain : IGrainWithStringKey
{
    /// <summary>The key of the one national catalogue.</summary>
    public const string Key = "national";

    /// <summary>References an app or replaces its name, editor and scopes (a withdrawn app is listed again).</summary>
    [Alias("Reference")]
    Task<CatalogueApp> ReferenceAsync(string appId, string name, string editor, IReadOnlyList<string> scopes);

    /// <summary>Withdraws an app: nobody can connect it any more. False when it was never referenced.</summary>
    [Alias("Withdraw")]
    Task<bool> WithdrawAsync(string appId);

    /// <summary>Every app, listed first; withdrawn ones only with <paramref name="includeWithdrawn"/>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<CatalogueApp>> ListAsync(bool includeWithdrawn);

    /// <summary>One app, or null.</summary>
    [Alias("Find")]
    Task<CatalogueApp?> FindAsync(string appId);
}
