using MonEspaceSante.Interfaces.Measurements;
using Orleans.Concurrency;

namespace MonEspaceSante.Grains.Measurements;

/// <summary>Observation locator: no state of its own, so any silo runs as many as it needs.</summary>
[StatelessWorker]
internal sealed class MeasurementDirectoryGrain(MeasurementStore store) : Grain, IMeasurementDirectoryGrain
{
    public async Task<string?> FindOwnerAsync(string observationId) =>
        ObservationIds.Parse(observationId) is { } id ? await store.FindOwnerAsync(id) : null;
}
