using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>
/// Coordinates one wave. Its state is the wave's row (so that operators and the API read one truth);
/// its one reminder (<c>wave-schedule</c>, every <see cref="WavesSettings.WatchdogPeriod"/>) launches
/// the wave at its start, restarts partitions whose silo died, notices the end of a phase, and opens
/// the spaces once the deadline has passed. People's grains also resolve the deadline themselves.
/// </summary>
[GrainType("wave")]
internal sealed partial class WaveGrain(
    EnrollmentStores stores,
    WavesSettings settings,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<WaveGrain> logger) : Grain, IWaveGrain, IRemindable
{
    private const string ReminderName = "wave-schedule";

    private string WaveId => this.GetPrimaryKeyString();

    private WaveStore Store => stores.Waves;

    async Task<WaveStatus> IWaveGrain.CreateAsync(WaveDefinition definition)
    {
        Validate(definition);
        if (await Store.FindAsync(WaveId) is { } existing)
        {
            if (existing.Definition != definition)
            {
                throw new StateConflictException($"Wave '{WaveId}' already exists with another definition.");
            }

            return await StatusAsync(existing);
        }

        await Store.CreateAsync(WaveId, definition, settings.Partitions, clock.GetUtcNow());
        if (definition.StartsAt is { } start)
        {
            var due = start - clock.GetUtcNow();
            await this.RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.FromSeconds(1), settings.WatchdogPeriod);
        }

        return await StatusAsync(await Store.GetAsync(WaveId));
    }

    async Task<WaveStatus> IWaveGrain.GetStatusAsync() => await StatusAsync(await Store.GetAsync(WaveId));

    async Task<WaveStatus> IWaveGrain.LaunchAsync()
    {
        var wave = await Store.GetAsync(WaveId);
        if (wave.Phase == WavePhase.Draft)
        {
            await LaunchAsync();
        }

        return await StatusAsync(await Store.GetAsync(WaveId));
    }

    async Task<WaveStatus> IWaveGrain.TickAsync()
    {
        await TickAsync();
        return await StatusAsync(await Store.GetAsync(WaveId));
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => TickAsync();

    private async Task LaunchAsync()
    {
        await Store.SetPhaseAsync(WaveId, WavePhase.Notifying, clock.GetUtcNow());
        await this.RegisterOrUpdateReminder(ReminderName, settings.WatchdogPeriod, settings.WatchdogPeriod);
        LogPhase(logger, WaveId, WavePhase.Notifying);
        await RunPartitionsAsync(WavePhase.Notifying);
    }

    private async Task TickAsync()
    {
        var wave = await Store.GetAsync(WaveId);
        var now = clock.GetUtcNow();
        switch (wave.Phase)
        {
            case WavePhase.Draft when wave.Definition.StartsAt is { } start && now >= start:
                await LaunchAsync();
                break;
            case WavePhase.Notifying or WavePhase.Notified:
                // People uploaded after the launch are notified too, until the deadline.
                var unsent = await Store.RemainingAsync(WaveId, wave.Partitions, WavePhase.Notifying);
                if (unsent > 0)
                {
                    await RunPartitionsAsync(WavePhase.Notifying);
                }
                else if (wave.Phase == WavePhase.Notifying && !await Store.AnyUnresolvedAsync(WaveId, WavePhase.Notifying))
                {
                    await Store.SetPhaseAsync(WaveId, WavePhase.Notified, now);
                    LogPhase(logger, WaveId, WavePhase.Notified);
                }

                // At the deadline, people whose notice is still on its way get the deadline event after it.
                if (unsent == 0 && wave.Deadline is { } deadline && now >= deadline)
                {
                    await Store.SetPhaseAsync(WaveId, WavePhase.Opening, now);
                    LogPhase(logger, WaveId, WavePhase.Opening);
                    await RunPartitionsAsync(WavePhase.Opening);
                }

                break;
            case WavePhase.Opening:
                if (await Store.RemainingAsync(WaveId, wave.Partitions, WavePhase.Opening) > 0)
                {
                    await RunPartitionsAsync(WavePhase.Opening);
                }
                else if (!await Store.AnyUnresolvedAsync(WaveId, WavePhase.Opening))
                {
                    await Store.SetPhaseAsync(WaveId, WavePhase.Completed, now);
                    LogPhase(logger, WaveId, WavePhase.Completed);
                    await UnregisterScheduleAsync();
                }

                break;
            case WavePhase.Completed:
                await UnregisterScheduleAsync();
                break;
        }
    }

    private async Task UnregisterScheduleAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task RunPartitionsAsync(WavePhase phase)
    {
        var wave = await Store.GetAsync(WaveId);
        await Task.WhenAll(Enumerable.Range(0, wave.Partitions)
            .Select(p => GrainFactory.GetGrain<IWavePartitionGrain>(WavePartitionKey.Of(WaveId, p)).RunAsync(phase)));
    }

    /// <summary>
    /// Counting reads every member row (about a second for a million). During a fan-out, where
    /// progress is polled, a count is shared for ten times as long as it took (at least a second):
    /// a small wave is always current, a national one costs PostgreSQL at most a tenth of a core.
    /// Otherwise (uploads in a draft, a finished wave) and at every change of phase, it is fresh.
    /// </summary>
    private async Task<WaveStatus> StatusAsync(WaveRecord wave)
    {
        var now = clock.GetUtcNow();
        var fanningOut = wave.Phase is WavePhase.Notifying or WavePhase.Opening;
        if (!fanningOut || counts is not { } cached || cached.Phase != wave.Phase
            || System.Diagnostics.Stopwatch.GetElapsedTime(cached.At) > TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, cached.Took.Ticks * 10)))
        {
            var fanOut = wave.Phase >= WavePhase.Opening ? WavePhase.Opening : WavePhase.Notifying;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var fresh = await Store.CountAsync(WaveId, fanOut, now);
            counts = (wave.Phase, System.Diagnostics.Stopwatch.GetTimestamp(), System.Diagnostics.Stopwatch.GetElapsedTime(started), fresh);
        }

        return Describe(wave, counts!.Value.Counts, now);
    }

    private (WavePhase Phase, long At, TimeSpan Took, WaveCounts Counts)? counts;

    internal static WaveStatus Describe(WaveRecord wave, WaveCounts? counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wave);
        TimeSpan? eta = null;
        if (counts is not null && counts.RatePerSecond > 0)
        {
            var left = wave.Phase switch
            {
                WavePhase.Notifying => counts.Outcomes[MemberOutcome.Pending],
                WavePhase.Opening => counts.Outcomes[MemberOutcome.Notified],
                _ => 0,
            };
            eta = left > 0 ? TimeSpan.FromSeconds(left / counts.RatePerSecond) : null;
        }

        return new WaveStatus
        {
            WaveId = wave.WaveId,
            Definition = wave.Definition,
            Phase = wave.Phase,
            CreatedAt = wave.CreatedAt,
            LaunchedAt = wave.LaunchedAt,
            Deadline = wave.Deadline,
            CompletedAt = wave.CompletedAt,
            Members = counts?.Members ?? wave.Members,
            Outcomes = counts?.Outcomes ?? Enum.GetValues<MemberOutcome>().ToDictionary(o => o, _ => 0L),
            Dispatched = counts?.Dispatched ?? 0,
            RatePerSecond = counts?.RatePerSecond ?? 0,
            EstimatedRemaining = eta,
        };
    }

    private void Validate(WaveDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 200)
        {
            throw new InvalidInputException("name", "is required, at most 200 characters");
        }

        if (string.IsNullOrWhiteSpace(definition.Territory) || definition.Territory.Length > 200)
        {
            throw new InvalidInputException("territory", "is required, at most 200 characters");
        }

        if (definition.OppositionWindow < settings.MinimumOppositionWindow || definition.OppositionWindow > settings.MaximumOppositionWindow)
        {
            throw new InvalidInputException("oppositionWindow", $"must be between {settings.MinimumOppositionWindow} and {settings.MaximumOppositionWindow} (the regulation sets 6 weeks)");
        }

        if (!WavePartitionKey.IsValidWaveId(WaveId))
        {
            throw new InvalidInputException("waveId", "letters, digits and dashes, 3 to 64, starting with a letter");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wave {WaveId} is now {Phase}")]
    private static partial void LogPhase(ILogger logger, string waveId, WavePhase phase);
}
