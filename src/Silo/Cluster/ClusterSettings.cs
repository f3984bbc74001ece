using System.ComponentModel.DataAnnotations;

namespace MonEspaceSante.Silo.Cluster;

/// <summary>Orleans cluster identity and endpoints (section <c>Orleans</c>).</summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "mes";

    [Required]
    public string ServiceId { get; set; } = "mon-espace-sante";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Host name or IP address other silos reach this one at; loopback when unset.</summary>
    public string? AdvertisedHost { get; set; }
}
