namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>Finds the space holding an Observation, for a read by id that names no person, and identifiers taken already; it reads nothing else.</summary>
[Alias("mes.IMeasurementDirectoryGrain")]
public interface IMeasurementDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The key to use.</summary>
    public const long Key = 0;

    /// <summary>The INS of the space holding the Observation <paramref name="observationId"/>, or null when there is none (yet).</summary>
    [Alias("FindOwner")]
    Task<string?> FindOwnerAsync(string observationId);

    /// <summary>
    /// The positions in <paramref name="readings"/> (one app's readings for <paramref name="ins"/>) whose (app, identifier) is
    /// stored already for another measurement: another type, code, time or value. A resend of the same reading is not one.
    /// </summary>
    [Alias("Reused")]
    Task<IReadOnlyList<int>> ReusedAsync(string ins, IReadOnlyList<Reading> readings);

    /// <summary>The reading stored under <paramref name="reading"/>'s key for <paramref name="ins"/> (the same app and identifier), if any: a conditional create's match.</summary>
    [Alias("Stored")]
    Task<Reading?> StoredAsync(string ins, Reading reading);
}
