using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MonEspaceSante.Silo.Cluster;

/// <summary>In API role: ready when a silo answers through the gateway.</summary>
internal sealed class ClusterClientReadiness(IClusterClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.");
        }
    }
}
