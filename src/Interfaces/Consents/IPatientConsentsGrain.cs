namespace MonEspaceSante.Interfaces.Consents;

/// <summary>
/// The consents facet of a person's grain (same grain, same key as <see cref="Patients.IPatientGrain"/>):
/// which referenced apps may do what. A revocation holds from the very next call.
/// </summary>
[Alias("mes.IPatientConsentsGrain")]
public interface IPatientConsentsGrain : IGrainWithStringKey
{
    /// <summary>Grants (or replaces) the scopes of an app; the app must be in the catalogue with those scopes, and the space open.</summary>
    [Alias("Grant")]
    Task<AppConsent> GrantAsync(Access.Accessor holder, string appId, IReadOnlyList<string> scopes);

    /// <summary>Revokes an app's consent; revoking twice changes nothing. False when the app never had one.</summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync(Access.Accessor holder, string appId);

    /// <summary>Every consent, live or revoked; granting, revoking and listing are the holder's alone.</summary>
    [Alias("GetConsents")]
    Task<IReadOnlyList<AppConsent>> GetConsentsAsync(Access.Accessor holder);

    /// <summary>
    /// The consents as <paramref name="accessor"/> may see them (FHIR <c>Consent</c>): the holder or a legal
    /// representative every one, a professional every one (recorded), an app only its own.
    /// </summary>
    [Alias("ReadConsents")]
    Task<IReadOnlyList<AppConsent>> ReadConsentsAsync(Access.Accessor accessor);

    /// <summary>Those of <paramref name="scopes"/> that <paramref name="appId"/> holds now.</summary>
    [Alias("Allowed")]
    Task<IReadOnlyList<string>> AllowedAsync(string appId, IReadOnlyList<string> scopes);
}
