using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>Services of waves and notices. Their stores need our tables: without them, the features answer 503.</summary>
public static class EnrollmentRegistration
{
    public static IServiceCollection AddMesEnrollment(this IServiceCollection services, WavesSettings? settings = null)
    {
        services.AddSingleton(settings ?? new WavesSettings());
        services.TryAddSingleton<OwnTables>();
        services.AddSingleton<EnrollmentEffects>();
        services.AddSingleton<Erasure.ErasureStore>();
        services.AddSingleton<EnrollmentStores>();
        return services;
    }
}

/// <summary>The wave and notice stores, on our tables.</summary>
public sealed class EnrollmentStores(OwnTables tables)
{
    public WaveStore Waves => new(tables.For("Waves"));

    public NoticeStore Notices => new(tables.For("Notices"));
}
