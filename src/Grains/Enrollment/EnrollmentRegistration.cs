using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Errors;
using Npgsql;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>Services of waves and notices. Their stores need our tables: without them, the features answer 503.</summary>
public static class EnrollmentRegistration
{
    public static IServiceCollection AddMesEnrollment(this IServiceCollection services, WavesSettings? settings = null)
    {
        services.AddSingleton(settings ?? new WavesSettings());
        services.AddSingleton<EnrollmentEffects>();
        services.AddSingleton<EnrollmentStores>();
        return services;
    }

    internal static FeatureUnavailableException Unavailable() => new(
        "Waves and notices need PostgreSQL: start with ConnectionStrings__Postgres, or install the PostgreSQL binaries for the embedded default.");
}

/// <summary>The wave and notice stores, when this silo has our tables.</summary>
public sealed class EnrollmentStores(IServiceProvider services)
{
    private readonly Lazy<NpgsqlDataSource?> tables = new(() => services.GetService<NpgsqlDataSource>());

    public WaveStore Waves => tables.Value is { } dataSource ? new WaveStore(dataSource) : throw EnrollmentRegistration.Unavailable();

    public NoticeStore Notices => tables.Value is { } dataSource ? new NoticeStore(dataSource) : throw EnrollmentRegistration.Unavailable();
}
