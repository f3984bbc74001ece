namespace MonEspaceSante.Silo.Defaults;

public static class HealthTags
{
    /// <summary>Checks that must pass before the process takes traffic.</summary>
    public const string Ready = "ready";
}
