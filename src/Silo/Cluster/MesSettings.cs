namespace MonEspaceSante.Silo.Cluster;

/// <summary>Process-wide settings (section <c>Mes</c>).</summary>
public sealed class MesSettings
{
    public const string Section = "Mes";

    public HostRole Role { get; set; } = HostRole.Silo;

    /// <summary>In the embedded default, start a throwaway PostgreSQL for our own tables when its binaries are found.</summary>
    public bool EmbeddedPostgres { get; set; } = true;
}
