namespace MonEspaceSante.Silo.Hosting;

/// <summary>Process-wide settings (section <c>Mes</c>).</summary>
public sealed class MesSettings
{
    public const string Section = "Mes";

    public HostRole Role { get; set; } = HostRole.Silo;

    /// <summary>In the embedded default, start a throwaway PostgreSQL for our own tables when its binaries are found.</summary>
    public bool EmbeddedPostgres { get; set; } = true;

    /// <summary>The key of the hash that stands for an INS in logs. Required outside Development.</summary>
    public string? InsHashKey { get; set; }
}
