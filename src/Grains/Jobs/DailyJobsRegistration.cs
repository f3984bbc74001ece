using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MonEspaceSante.Grains.Jobs;

/// <summary>The daily jobs and their runner, from <c>Jobs</c>.</summary>
public static class DailyJobsRegistration
{
    public static IServiceCollection AddMesDailyJobs(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(DailyJobSettings.Section).Get<DailyJobSettings>() ?? new DailyJobSettings());
        services.AddSingleton<AccessDigestJob>();
        services.AddSingleton<IDailyJob>(sp => sp.GetRequiredService<AccessDigestJob>());
        services.AddSingleton<ErasureJob>();
        services.AddSingleton<IDailyJob>(sp => sp.GetRequiredService<ErasureJob>());
        services.AddSingleton(sp => new DailyJobRunner(sp.GetRequiredService<OwnTables>(), sp.GetServices<IDailyJob>(), sp.GetRequiredService<DailyJobSettings>(),
            TimeProvider.System, sp.GetRequiredService<ILogger<DailyJobRunner>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DailyJobRunner>());
        return services;
    }
}
