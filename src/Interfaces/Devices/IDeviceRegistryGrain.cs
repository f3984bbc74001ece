namespace MonEspaceSante.Interfaces.Devices;

/// <summary>
/// The Devices apps register (FHIR <c>Device</c>, created once per app and identifier). Stateless: the rows are in
/// PostgreSQL, so any silo serves it. Devices hold no person's data; the API lets an app read its own, and anyone
/// allowed to read a person's readings read the Devices those readings name (<c>_include=Observation:device</c>).
/// </summary>
[Alias("mes.IDeviceRegistryGrain")]
public interface IDeviceRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>The one key the grain is called by (stateless: Orleans runs as many as it needs).</summary>
    public const long Key = 0;

    /// <summary>
    /// Registers each device unless its (app, identifier value) is already registered; answers, in order, the Device as
    /// stored and whether this call created it.
    /// </summary>
    [Alias("Register")]
    Task<IReadOnlyList<DeviceRegistration>> RegisterAsync(IReadOnlyList<RegisteredDevice> devices);

    /// <summary>The registered Devices among <paramref name="ids"/> (unknown ids are left out).</summary>
    [Alias("Get")]
    Task<IReadOnlyList<RegisteredDevice>> GetAsync(IReadOnlyList<string> ids);
}
