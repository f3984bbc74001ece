namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>The Device entries of a Bundle by fullUrl, so that Observations referring to one get its identifier.</summary>
internal sealed class DeviceDirectory
{
    private readonly Dictionary<string, DeviceEntry> byFullUrl = new(StringComparer.Ordinal);

    public void Add(string fullUrl, DeviceEntry entry) => byFullUrl[fullUrl] = entry;

    public bool TryResolve(string reference, out DeviceEntry entry) =>
        byFullUrl.TryGetValue(reference, out entry!);
}

/// <summary>A Device entry: its first identifier value (null when it has none), or refused.</summary>
internal sealed record DeviceEntry(string? Identifier, bool Refused);
