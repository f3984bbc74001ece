namespace MonEspaceSante.Interfaces.Consents;

/// <summary>What a person granted a referenced app: scopes such as <c>measurements.write:glucose</c>.</summary>
[GenerateSerializer, Immutable, Alias("mes.AppConsent")]
public sealed record AppConsent(
    [property: Id(0)] string AppId,
    [property: Id(1)] IReadOnlyList<string> Scopes,
    [property: Id(2)] DateTimeOffset GrantedAt,
    [property: Id(3)] DateTimeOffset? RevokedAt)
{
    /// <summary>Live: granted and not revoked.</summary>
    public bool IsLive => RevokedAt is null;
}
