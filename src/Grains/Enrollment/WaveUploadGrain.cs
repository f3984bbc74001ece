using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using Orleans.Concurrency;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>Writes upload batches straight to the wave tables; stateless, so uploads run in parallel and no wave grain is hot.</summary>
[StatelessWorker]
internal sealed class WaveUploadGrain(EnrollmentStores stores, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IWaveUploadGrain
{
    private WaveStore Store => stores.Waves;

    async Task<WaveUploadResult> IWaveUploadGrain.AcceptAsync(WaveUploadBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var wave = await Store.GetAsync(batch.WaveId);
        if (wave.Deadline is { } deadline && clock.GetUtcNow() >= deadline)
        {
            throw WaveStore.DeadlinePassed(wave.WaveId);
        }

        return await Store.AcceptAsync(batch, wave.Partitions);
    }

    async Task<WaveUploadStatus> IWaveUploadGrain.GetUploadAsync(string waveId, string uploadId)
    {
        await Store.GetAsync(waveId);
        return await Store.GetUploadAsync(waveId, uploadId);
    }

    async Task<IReadOnlyList<UploadLineError>> IWaveUploadGrain.GetErrorsAsync(string waveId, string uploadId, long afterLine, int limit)
    {
        if (limit is < 1 or > 10_000)
        {
            throw new InvalidInputException("limit", "must be between 1 and 10000");
        }

        await Store.GetAsync(waveId);
        return await Store.GetErrorsAsync(waveId, uploadId, afterLine, limit);
    }

    async Task<IReadOnlyList<WaveStatus>> IWaveUploadGrain.ListWavesAsync()
    {
        var now = clock.GetUtcNow();
        return (await Store.ListAsync()).Select(w => WaveGrain.Describe(w, null, now)).ToList();
    }
}
