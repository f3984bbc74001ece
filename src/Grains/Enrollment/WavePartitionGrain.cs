using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonEspaceSante.Grains.Streaming;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>
/// Sends one partition of a wave's people their event, page by page (in upload order), on a grain timer so
/// that no call runs for long. Events go down the <c>enrollment</c> stream of each person; the
/// partition's cursor (<c>mes_wave_partition</c>) moves once the page's events are committed, so a
/// partition that dies mid-page resends that page when the wave's reminder restarts it, and the
/// people's grains absorb the repeat.
/// </summary>
[GrainType("wave-partition")]
internal sealed partial class WavePartitionGrain(
    EnrollmentStores stores,
    WavesSettings settings,
    StreamFanOut fanOut,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<WavePartitionGrain> logger)
    : Grain, IWavePartitionGrain
{
    private IGrainTimer? timer;
    private WavePhase running;
    private WaveRecord? wave;
    private PartitionCursor? cursor;

    Task IWavePartitionGrain.RunAsync(WavePhase phase)
    {
        if (timer is not null && running == phase)
        {
            return Task.CompletedTask;
        }

        timer?.Dispose();
        running = phase;
        wave = null;
        cursor = null;
        timer = this.RegisterGrainTimer(SendNextPageAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = TimeSpan.FromMilliseconds(10),
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    private async Task SendNextPageAsync(CancellationToken cancellationToken)
    {
        var (waveId, partition) = WavePartitionKey.Parse(this.GetPrimaryKeyString());
        var store = stores.Waves;
        wave ??= await store.GetAsync(waveId);
        cursor ??= await store.CursorAsync(waveId, partition, running);
        if (cursor is null)
        {
            Stop(waveId, partition);
            return;
        }

        var page = await store.NextToDispatchAsync(waveId, partition, running, cursor.Seq, settings.PageSize);
        if (page.Count == 0)
        {
            await store.AdvanceAsync(waveId, partition, running, cursor, null);
            cursor = null;
            return;
        }

        var provider = this.GetStreamProvider(StreamNames.Provider);
        var notifiedAt = wave.LaunchedAt ?? clock.GetUtcNow();
        var deadline = wave.Deadline ?? notifiedAt + wave.Definition.OppositionWindow;
        await fanOut.SendAsync(provider, page.Select(member =>
        {
            EnrollmentEvent evt = running == WavePhase.Notifying
                ? new WaveNoticeEvent(waveId, member.Channel, member.Email, member.PostalAddress, notifiedAt, deadline, member.RecipientName)
                : new WaveDeadlineEvent(waveId);
            return (StreamId.Create(StreamNames.Enrollment, PatientKey.Prefix + member.Ins), evt);
        }).ToList());

        // Once per page, after the events are committed. If an upload sent the cursor back meanwhile,
        // the pass resumes from there (the stored cursor), resending only to people without an outcome.
        cursor = await store.AdvanceAsync(waveId, partition, running, cursor, page[^1].Seq) ? cursor with { Seq = page[^1].Seq } : null;
    }

    private void Stop(string waveId, int partition)
    {
        timer?.Dispose();
        timer = null;
        LogPartitionDone(logger, waveId, partition, running);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wave {WaveId} partition {Partition}: {Phase} fan-out done")]
    private static partial void LogPartitionDone(ILogger logger, string waveId, int partition, WavePhase phase);
}
