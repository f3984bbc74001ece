using MonEspaceSante.Interfaces.Consents;

namespace MonEspaceSante.Grains.Consents;

/// <summary>The consents facet: each app the person connected, with its scopes (kept after revocation, for the record).</summary>
[GenerateSerializer, Alias("mes.ConsentsState")]
public sealed class ConsentsState
{
    [Id(0)] public Dictionary<string, AppConsent> Apps { get; set; } = new(StringComparer.Ordinal);
}
