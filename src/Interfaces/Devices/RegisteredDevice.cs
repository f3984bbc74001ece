namespace MonEspaceSante.Interfaces.Devices;

/// <summary>
/// A Device an app registered: its id (<see cref="DeviceIds"/>), the app, the identifier it is known by, the FHIR
/// resource as the app sent it (JSON, without id, meta versions or patient), and when it was registered. A registered
/// Device never changes: its version is always 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.RegisteredDevice")]
public sealed record RegisteredDevice(
    [property: Id(0)] string Id,
    [property: Id(1)] string AppId,
    [property: Id(2)] string? IdentifierSystem,
    [property: Id(3)] string IdentifierValue,
    [property: Id(4)] string Resource,
    [property: Id(5)] DateTimeOffset CreatedAt);

/// <summary>A registration's outcome: the Device as stored, and whether this call created it (201) or found it (200).</summary>
[GenerateSerializer, Immutable, Alias("mes.DeviceRegistration")]
public sealed record DeviceRegistration([property: Id(0)] RegisteredDevice Device, [property: Id(1)] bool Created);
