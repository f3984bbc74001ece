namespace MonEspaceSante.Grains.Enrollment;

/// <summary>FNV-1a over the characters: a partition must not depend on the process (string.GetHashCode does).</summary>
internal static class StableHash
{
    public static uint Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
