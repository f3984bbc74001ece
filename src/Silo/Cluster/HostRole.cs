namespace MonEspaceSante.Silo.Cluster;

/// <summary>What this process is: a silo that also serves the API, or the API alone in front of silos.</summary>
public enum HostRole
{
    /// <summary>An Orleans silo hosting grains, serving the HTTP API too.</summary>
    Silo = 0,

    /// <summary>A stateless HTTP tier: an Orleans client connected to the silos' gateways.</summary>
    Api = 1,
}
