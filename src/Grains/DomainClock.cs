using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MonEspaceSante.Grains;

/// <summary>
/// The clock of the domain (deadlines, reminders of screenings, ages), a keyed <see cref="TimeProvider"/>
/// distinct from the one Orleans uses for its own timers: tests move domain time with a fake clock
/// without freezing the runtime's watchdog, activation collector or reminders.
/// </summary>
public static class DomainClock
{
    public const string Key = "mes.domain-clock";

    /// <summary>Uses the system clock unless a domain clock was registered already.</summary>
    public static IServiceCollection AddDomainClock(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton(Key, TimeProvider.System);
        return services;
    }

    /// <summary>Uses <paramref name="clock"/> as the domain clock (tests).</summary>
    public static IServiceCollection UseDomainClock(this IServiceCollection services, TimeProvider clock)
    {
        services.RemoveAllKeyed<TimeProvider>(Key);
        services.AddKeyedSingleton(Key, clock);
        return services;
    }
}
