using MonEspaceSante.Interfaces.Measurements;
using Orleans.Concurrency;

namespace MonEspaceSante.Grains.Measurements;

/// <summary>Observation locator: no state of its own, so any silo runs as many as it needs.</summary>
[StatelessWorker]
internal sealed class MeasurementDirectoryGrain(MeasurementStore store) : Grain, IMeasurementDirectoryGrain
{
    public async Task<string?> FindOwnerAsync(string observationId) =>
        ObservationIds.Parse(observationId) is { } id ? await store.FindOwnerAsync(id) : null;

    public async Task<Reading?> StoredAsync(string ins, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var id = ObservationIds.ToGuid(ins, reading.AppId, reading.ReadingKey);
        return (await store.StoredAsync(ins, [id])).GetValueOrDefault(id);
    }

    public async Task<IReadOnlyList<int>> ReusedAsync(string ins, IReadOnlyList<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var ids = readings.Select(r => ObservationIds.ToGuid(ins, r.AppId, r.ReadingKey)).ToList();
        var stored = await store.StoredAsync(ins, ids.Distinct().ToArray());
        return Enumerable.Range(0, readings.Count)
            .Where(i => stored.TryGetValue(ids[i], out var before) && !before.SameMeasurementAs(readings[i]))
            .ToList();
    }
}
