using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Documents;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Devices;
using MonEspaceSante.Interfaces.Errors;
using static Hl7.Fhir.Model.CapabilityStatement;

namespace MonEspaceSante.Api.Devices;

/// <summary>
/// <c>/fhir/Device</c>: an app registers the devices its readings come from, once per identifier (201, then 200 with the
/// same Device, with or without <c>If-None-Exist</c>), and reads its own. Readers of a person's readings get the Devices
/// those name with <c>_include=Observation:device</c>.
/// </summary>
public static class DeviceEndpoints
{
    public const string Route = "/Device";

    /// <summary>A Device is a few kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static ResourceComponent Capability { get; } = FhirCapability.Resource(
            "Device",
            "The devices an app's readings come from (the national measurement API's PhdDevice). An app registers one per identifier: "
                + "a create of an identifier already registered answers 200 with its Device, so ifNoneExist identifier=system|value and "
                + "If-None-Exist make it once. An app reads its own; Observation.device names Device/<id>.",
            [TypeRestfulInteraction.Create, TypeRestfulInteraction.Read])
        .Versioned(ResourceVersionPolicy.Versioned, conditionalCreate: true);

    public static MesRoutes MapDevices(this MesRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.Map(fhir: fhir =>
        {
            fhir.MapPost(Route, CreateAsync).WithName("FhirDeviceCreate")
                .WithSummary("An app registers a device by its identifier: 201 when new, 200 with the registered Device when known (If-None-Exist: identifier=system|value).")
                .Produces(StatusCodes.Status201Created, contentType: FhirRoutes.MediaType)
                .RequireAuthorization(MesRoles.App);
            fhir.MapGet(Route + "/{id}", ReadAsync).WithName("FhirDeviceRead")
                .WithSummary("A Device the calling app registered (404 for any other).")
                .Produces(StatusCodes.Status200OK, contentType: FhirRoutes.MediaType)
                .RequireAuthorization(MesRoles.App);
            return fhir;
        });
    }

    private static async Task<FhirResult> CreateAsync(HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var app = Caller.From(http).AsAccessor("fhir");
        var device = FhirResources.Read<Device>(await RequestBody.ReadAsync(http, MaxBodyBytes, "Device"), "Device");
        var registered = DeviceMapping.ToRegistered(device, app.Id, clock.GetUtcNow(), "Device");
        DeviceMapping.CheckCondition(FhirConditions.IfNoneExist(http.Request), registered, FhirConditions.Header);
        var saved = (await Registry(grains).RegisterAsync([registered]))[0];
        return FhirResult.Saved(http, DeviceMapping.ToFhir(saved.Device), saved.Created);
    }

    private static async Task<FhirResult> ReadAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var app = Caller.From(http).AsAccessor("fhir");
        var found = DeviceIds.TryParse(id, out _) ? await Registry(grains).GetAsync([id]) : [];
        return found is [{ } device] && device.AppId == app.Id
            ? new FhirResult(DeviceMapping.ToFhir(device))
            : throw new ResourceNotFoundException($"No Device/{id} registered by this app.");
    }

    private static IDeviceRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IDeviceRegistryGrain>(IDeviceRegistryGrain.Key);
}
