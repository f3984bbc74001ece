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

    /// <summary>
    /// How long a silo waits for a peer's answer to one liveness probe. With <see cref="MissedProbesLimit"/> 3, a
    /// killed silo is suspected after about 6 s and declared dead by the next vote: within 10 s, where Orleans'
    /// defaults (5 s, 3 probes, 60 s table refresh) take about 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Probes a silo may miss in a row before a peer votes it dead.</summary>
    [Range(1, 10)]
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Votes that declare a silo dead (Orleans takes one with two silos).</summary>
    [Range(1, 10)]
    public int VotesForDeathDeclaration { get; set; } = 2;

    /// <summary>How often each silo reads the membership table, so that a death declared elsewhere is seen.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo writes that it is alive in the membership table.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan IAmAlivePublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a vote against a silo counts.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan DeathVoteExpiration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the API tier waits for one grain call before answering 503 (Orleans' default is 30 s). No grain call
    /// of ours takes a second; a call stuck on a silo that was just killed ends here at the latest.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ClientResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the API tier reloads the list of gateways (Orleans' default is a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
