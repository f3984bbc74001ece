using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Streams;
using Orleans.Streams;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// The measurements facet. Readings arrive on the <c>device-readings</c> stream (already acknowledged
/// to the app), are checked again against the consents (a revocation in between drops them), and go
/// to the time series, which deduplicates. Latest values are read from the time series, not kept in
/// grain state: nothing is rewritten per reading and nothing is lost with a silo.
/// </summary>
[ImplicitStreamSubscription(StreamNames.DeviceReadings)]
internal sealed partial class PatientGrain : IPatientMeasurementsGrain, IAsyncObserver<ReadingBatch>
{
    /// <summary>Glucose outside [54, 250] mg/dL (3.0 and 13.9 mmol/L) raises an alert.</summary>
    public const double GlucoseLow = 54, GlucoseHigh = 250;

    private static readonly Counter<long> Stored = MesMeters.Meter.CreateCounter<long>("mes.measurements.stored", description: "Readings written to the time series");
    private static readonly Counter<long> Duplicates = MesMeters.Meter.CreateCounter<long>("mes.measurements.duplicates", description: "Readings received again and ignored");
    private static readonly Counter<long> Dropped = MesMeters.Meter.CreateCounter<long>("mes.measurements.dropped", description: "Readings dropped because the consent was revoked after they were acknowledged");

    public async Task OnNextAsync(ReadingBatch item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        await consents.LoadAsync();
        var allowed = item.Readings.Where(r => Allows(r.AppId, Scopes.WriteMeasurements(r.Type))).ToList();
        if (allowed.Count < item.Readings.Count)
        {
            Dropped.Add(item.Readings.Count - allowed.Count);
        }

        if (allowed.Count == 0)
        {
            return;
        }

        var fresh = await measurementStore.AppendAsync(Ins, allowed);
        Stored.Add(fresh.Count);
        Duplicates.Add(allowed.Count - fresh.Count);
        foreach (var app in fresh.Select(r => r.AppId).Distinct(StringComparer.Ordinal))
        {
            await accessHistory.RecordAsync(Ins, new Accessor(AccessorRole.App, app, "fhir"), "write", $"Observation ({fresh.Count(r => r.AppId == app)} readings)");
        }

        var live = fresh.Select(r => new LiveMeasurement(r, AlertOf(r))).ToList();
        foreach (var alert in live.Where(l => l.Alert is not null))
        {
            // The notice says only "a measurement needs your attention": never the value.
            await effects.RecordNoticeAsync(new Enrollment.OutboxNotice(
                $"alert:{Ins}:{alert.Reading.AppId}:{alert.Reading.ReadingKey}", Interfaces.Enrollment.NoticeKind.MeasurementAlert,
                profile.State.Email is null ? NoticeChannel.Push : NoticeChannel.Email, profile.State.Email, null, null, null));
        }

        await PublishLiveAsync(new LiveMeasurements(live));
    }

    async Task<IReadOnlyList<LatestMeasurement>> IPatientMeasurementsGrain.GetLatestAsync(Accessor accessor)
    {
        var readable = await AuthorizeReadAsync(accessor, Enum.GetValues<MeasureType>(), "latest measurements");
        return (await measurementStore.LatestAsync(Ins)).Where(l => readable.Contains(l.Type)).ToList();
    }

    async Task<IReadOnlyList<SeriesPoint>> IPatientMeasurementsGrain.GetSeriesAsync(Accessor accessor, MeasureType type, DateTimeOffset from, DateTimeOffset to, SeriesAggregation aggregation)
    {
        if (to <= from)
        {
            throw new InvalidInputException("to", "must come after 'from'");
        }

        await AuthorizeReadAsync(accessor, [type], $"{Scopes.NameOf(type)} series");
        return await measurementStore.SeriesAsync(Ins, type, from, to, aggregation);
    }

    async Task<ReadingPage> IPatientMeasurementsGrain.SearchAsync(Accessor accessor, IReadOnlyList<MeasureType> types, DateTimeOffset? from, DateTimeOffset? to, int count, string? after)
    {
        if (count is < 1 or > 1000)
        {
            throw new InvalidInputException("_count", "must be between 1 and 1000");
        }

        var asked = types.Count == 0 ? Enum.GetValues<MeasureType>() : types.Distinct().ToArray();
        var readable = await AuthorizeReadAsync(accessor, asked, $"Observation search ({string.Join(", ", asked.Select(Scopes.NameOf))})", partial: types.Count == 0);
        return await measurementStore.SearchAsync(Ins, readable, from, to, count, after);
    }

    /// <summary>
    /// The types of <paramref name="asked"/> the accessor may read, recording the read unless it is the
    /// holder's own. Apps read only under a live read consent; with <paramref name="partial"/> (a search of
    /// every type) they get the types they hold, otherwise every type asked must be covered.
    /// </summary>
    private async Task<IReadOnlyList<MeasureType>> AuthorizeReadAsync(Accessor accessor, IReadOnlyList<MeasureType> asked, string resource, bool partial = false)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        if (accessor.Role != AccessorRole.App)
        {
            // The holder, a legal representative, professionals under the person's controls; never operators.
            await AuthorizeAsync(accessor, SpaceBrick.Measurements, SpaceAction.Read, resource);
            return asked;
        }

        await consents.LoadAsync();
        var readable = asked.Where(t => Allows(accessor.Id, Scopes.ReadMeasurements(t))).ToList();
        if (readable.Count == 0 || (!partial && readable.Count < asked.Count))
        {
            throw new AccessDeniedException($"No live consent of this person lets app '{accessor.Id}' read {string.Join(", ", asked.Except(readable).Select(Scopes.ReadMeasurements))}.");
        }

        await accessHistory.RecordAsync(Ins, accessor, "read", resource);
        return readable;
    }

    private static string? AlertOf(Reading reading) => reading.Type switch
    {
        MeasureType.Glucose when reading.Value < GlucoseLow => "glucose-low",
        MeasureType.Glucose when reading.Value > GlucoseHigh => "glucose-high",
        _ => null,
    };

    /// <summary>Until when (process ticks) an open live feed is watching; publishing to nobody would still cost a durable pub-sub write per person.</summary>
    private long watchedUntil;

    Task IPatientMeasurementsGrain.WatchLiveAsync(TimeSpan forHowLong)
    {
        watchedUntil = Environment.TickCount64 + (long)Math.Clamp(forHowLong.TotalMilliseconds, 0, TimeSpan.FromMinutes(10).TotalMilliseconds);
        return Task.CompletedTask;
    }

    /// <summary>The live feed is best effort (memory stream, for open screens): a failure there never fails the reading.</summary>
    private async Task PublishLiveAsync(LiveMeasurements live)
    {
        if (Environment.TickCount64 > watchedUntil)
        {
            return;
        }

        try
        {
            await this.GetStreamProvider(StreamNames.Live).GetStream<LiveMeasurements>(StreamId.Create(StreamNames.LiveMeasurements, this.GetPrimaryKeyString())).OnNextAsync(live);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLiveFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live measurement feed unavailable")]
    private static partial void LogLiveFailed(ILogger logger, Exception exception);
}
