using System.Diagnostics.Metrics;

namespace MonEspaceSante.Grains;

/// <summary>The meter of our own instruments (exported with the Orleans and ASP.NET Core ones).</summary>
public static class MesMeters
{
    public const string Name = "MonEspaceSante";

    public static readonly Meter Meter = new(Name);
}
