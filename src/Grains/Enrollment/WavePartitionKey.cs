using System.Globalization;
using System.Text.RegularExpressions;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>Keys of wave partitions: "<c>waveId/partition</c>".</summary>
public static partial class WavePartitionKey
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex WaveIdPattern();

    public static bool IsValidWaveId(string waveId) => WaveIdPattern().IsMatch(waveId);

    /// <summary>The partition of a person in a wave of <paramref name="partitions"/> partitions (stable across processes).</summary>
    public static short PartitionOf(string ins, int partitions) => (short)(StableHash.Of(ins) % (uint)partitions);

    public static string Of(string waveId, int partition) => $"{waveId}/{partition.ToString(CultureInfo.InvariantCulture)}";

    public static (string WaveId, int Partition) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        return (key[..slash], int.Parse(key.AsSpan(slash + 1), CultureInfo.InvariantCulture));
    }
}
