namespace MonEspaceSante.Grains.Catalogue;

/// <summary>
/// Configuration <c>HealthSpace:Catalogue</c>: apps referenced when the catalogue first activates and does
/// not know them yet (demonstration apps on a laptop, test apps). Operators manage the rest through the API.
/// </summary>
public sealed class CatalogueSeedOptions
{
    public const string Section = "HealthSpace:Catalogue";

    public List<SeedApp> Seed { get; set; } = [];

    /// <summary>One app to reference at start.</summary>
    public sealed class SeedApp
    {
        public string AppId { get; set; } = "";

        public string Name { get; set; } = "";

        public string Editor { get; set; } = "";

        public List<string> Scopes { get; set; } = [];
    }
}
