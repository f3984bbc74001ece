using System.Text.Json;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Devices;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Devices;

/// <summary>
/// A FHIR Device and its registration: an app's device is known by its first identifier (the national measurement
/// API's PhdDevice names it <c>urn:oid:…|serial</c>). Kept as sent, without its id, meta versions or patient.
/// </summary>
public static class DeviceMapping
{
    /// <summary>The only version a registered Device has.</summary>
    public const int Version = 1;

    /// <summary>The registration of <paramref name="device"/> by <paramref name="appId"/>; a Device without identifier value is refused (422).</summary>
    public static RegisteredDevice ToRegistered(Device device, string appId, DateTimeOffset at, string where)
    {
        ArgumentNullException.ThrowIfNull(device);
        var identifier = device.Identifier.FirstOrDefault(i => !string.IsNullOrEmpty(i.Value))
            ?? throw new UnprocessableException($"{where}.identifier", "a Device is registered by its identifier (system|value): this one has none.");
        var kept = (Device)device.DeepCopy();
        kept.Id = null;
        kept.Patient = null;
        if (kept.Meta is { } meta)
        {
            meta.VersionId = null;
            meta.LastUpdated = null;
        }

        var value = identifier.Value!;
        return new RegisteredDevice(DeviceIds.Of(appId, value), appId, identifier.System, value,
            JsonSerializer.Serialize(kept, FhirJson.Options), at);
    }

    public static Device ToFhir(RegisteredDevice registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var device = JsonSerializer.Deserialize<Device>(registered.Resource, FhirJson.Options)!;
        device.Id = registered.Id;
        var meta = FhirVersions.Meta(Version, registered.CreatedAt);
        meta.Source = device.Meta?.Source;
        meta.Profile = device.Meta?.Profile ?? [];
        device.Meta = meta;
        return device;
    }

    /// <summary>
    /// The identifier a conditional create (<c>If-None-Exist</c>, <c>request.ifNoneExist</c>) names: only
    /// <c>identifier=[system|]value</c> is understood, and it must be the Device's own identifier.
    /// </summary>
    public static void CheckCondition(string? condition, RegisteredDevice device, string where)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (condition is null)
        {
            return;
        }

        var (system, value) = FhirConditions.Identifier(condition, where);
        if (value != device.IdentifierValue || (system is not null && system != (device.IdentifierSystem ?? "")))
        {
            throw new UnprocessableException(where, $"names identifier {system}|{value}, not the Device's own ({device.IdentifierSystem}|{device.IdentifierValue}): a Device is registered once by its identifier.");
        }
    }
}
