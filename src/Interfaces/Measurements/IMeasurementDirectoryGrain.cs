namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>Finds the space holding an Observation, for a read by id that names no person; it reads nothing else.</summary>
[Alias("mes.IMeasurementDirectoryGrain")]
public interface IMeasurementDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The key to use.</summary>
    public const long Key = 0;

    /// <summary>The INS of the space holding the Observation <paramref name="observationId"/>, or null when there is none (yet).</summary>
    [Alias("FindOwner")]
    Task<string?> FindOwnerAsync(string observationId);
}
