using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MonEspaceSante.Grains.Access;

namespace MonEspaceSante.Grains.Measurements;

/// <summary>Services of the measurements facet and the access history.</summary>
public static class MeasurementsRegistration
{
    public static IServiceCollection AddMesMeasurements(this IServiceCollection services)
    {
        services.TryAddSingleton<OwnTables>();
        services.AddSingleton<MeasurementStore>();
        services.AddSingleton<AccessHistory>();
        return services;
    }
}
