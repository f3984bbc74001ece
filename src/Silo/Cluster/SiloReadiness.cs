using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MonEspaceSante.Silo.Cluster;

/// <summary>Ready once the silo's lifecycle reached Active, not ready again once it starts stopping.</summary>
internal sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>, IHealthCheck
{
    private volatile bool active;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            nameof(SiloReadiness),
            ServiceLifecycleStage.Active,
            _ =>
            {
                active = true;
                return Task.CompletedTask;
            },
            _ =>
            {
                active = false;
                return Task.CompletedTask;
            });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(active ? HealthCheckResult.Healthy("The silo is active.") : HealthCheckResult.Unhealthy("The silo is not active."));
}
