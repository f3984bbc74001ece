using System.Diagnostics.Metrics;
using MonEspaceSante.Grains.Consents;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Measurements;
using MonEspaceSante.Interfaces.Streams;

namespace MonEspaceSante.Grains.Measurements;

/// <summary>
/// One person's measurements. A reading an app pushed was acknowledged once its batch was committed to the
/// <c>device-readings</c> stream; the person's grain hands the batch here (<see cref="StoreAsync"/>), which checks
/// the consents again (a revocation in between drops it) and appends to the time series, which deduplicates.
/// Latest values and series are read from the time series, not kept in facet state: nothing is rewritten per
/// reading and nothing is lost with a silo.
/// </summary>
internal sealed class MeasurementsFacet(MeasurementStore store, ConsentsFacet consents, IPersonSpace space)
{
    /// <summary>Glucose outside [54, 250] mg/dL (3.0 and 13.9 mmol/L) raises an alert.</summary>
    public const double GlucoseLow = 54, GlucoseHigh = 250;

    private static readonly Counter<long> Stored = MesMeters.Meter.CreateCounter<long>("mes.measurements.stored", description: "Readings written to the time series");
    private static readonly Counter<long> Duplicates = MesMeters.Meter.CreateCounter<long>("mes.measurements.duplicates", description: "Readings received again and ignored");

    /// <summary>Until when (process ticks) an open live feed is watching; publishing to nobody would still cost a stream write per batch.</summary>
    private long watchedUntil;

    private string Ins => space.Person.Value;

    /// <summary>
    /// Stores a batch from the stream, once (a redelivery finds duplicates only). Every reading in it was accepted under
    /// a live consent when the app sent it, and acknowledged: it is stored even if the consent was revoked since (the
    /// revocation holds from the app's next request). The history line and the alerts come from the event itself, each
    /// with a key of its own, so a redelivery after a failed write writes what is missing and nothing twice.
    /// </summary>
    public async Task StoreAsync(ReadingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Readings.Count == 0)
        {
            return;
        }

        var fresh = await store.AppendAsync(Ins, batch.Readings);
        Stored.Add(fresh.Count);
        Duplicates.Add(batch.Readings.Count - fresh.Count);
        foreach (var app in batch.Readings.GroupBy(r => r.AppId, StringComparer.Ordinal))
        {
            await space.RecordAccessAsync(
                new SpaceGrant(new Accessor(AccessorRole.App, app.Key, "fhir"), SpaceViewer.App, null), "write", $"Observation ({app.Count()} readings)", EventKey(app));
        }

        foreach (var reading in batch.Readings.Where(r => AlertOf(r) is not null))
        {
            // The notice says only "a measurement needs your attention": never the value.
            await space.NotifyPersonAsync($"alert:{Ins}:{reading.AppId}:{reading.ReadingKey}", NoticeKind.MeasurementAlert);
        }

        if (fresh.Count > 0 && Environment.TickCount64 <= watchedUntil)
        {
            await space.PublishLiveAsync(StreamNames.LiveMeasurements, new LiveMeasurements(fresh.Select(r => new LiveMeasurement(r, AlertOf(r))).ToList()));
        }
    }

    /// <summary>
    /// The key of one app's readings in an event: the same on every delivery, and for a resend of the same readings.
    /// The readings' keys name them within their app and person (the history's key is unique per person): one hash over
    /// the sorted keys, without computing an Observation id per reading on this path.
    /// </summary>
    private static string EventKey(IGrouping<string, Reading> readings)
    {
        var keys = readings.Select(r => r.ReadingKey).Order(StringComparer.Ordinal);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{readings.Key}\n{string.Join('\n', keys)}"));
        return "readings:" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public async Task<IReadOnlyList<LatestMeasurement>> GetLatestAsync(Accessor accessor)
    {
        var readable = await AuthorizeReadAsync(accessor, Enum.GetValues<MeasureType>(), "latest measurements");
        return (await store.LatestAsync(Ins)).Where(l => readable.Contains(l.Type)).ToList();
    }

    public async Task<IReadOnlyList<SeriesPoint>> GetSeriesAsync(Accessor accessor, MeasureType type, DateTimeOffset from, DateTimeOffset to, SeriesAggregation aggregation)
    {
        if (to <= from)
        {
            throw new InvalidInputException("to", "must come after 'from'");
        }

        await AuthorizeReadAsync(accessor, [type], $"{Scopes.NameOf(type)} series");
        return await store.SeriesAsync(Ins, type, from, to, aggregation);
    }

    public async Task<ReadingPage> SearchAsync(Accessor accessor, IReadOnlyList<MeasureType> types, DateTimeOffset? from, DateTimeOffset? to, int count, string? after, ReadingSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(types);
        if (count is < 1 or > 1000)
        {
            throw new InvalidInputException("_count", "must be between 1 and 1000");
        }

        if (options?.Offset is < 0 or > ReadingSearchOptions.MaxOffset)
        {
            throw new InvalidInputException("_offset", $"must be between 0 and {ReadingSearchOptions.MaxOffset}; follow the next link to go further");
        }

        var asked = types.Count == 0 ? Enum.GetValues<MeasureType>() : types.Distinct().ToArray();
        var readable = await AuthorizeReadAsync(accessor, asked, $"Observation search ({string.Join(", ", asked.Select(Scopes.NameOf))})", partial: types.Count == 0);
        return await store.SearchAsync(Ins, readable, from, to, count, after, options);
    }

    public async Task<Reading> ReadAsync(Accessor accessor, string observationId)
    {
        var reading = (ObservationIds.Parse(observationId) is { } id
                ? ObservationIds.IsBmi(observationId) ? await store.ReadBmiAsync(Ins, id) : await store.ReadAsync(Ins, id)
                : null)
            ?? throw new ResourceNotFoundException($"No Observation {observationId} in this space (a reading just accepted is readable once stored, within moments).");
        await AuthorizeReadAsync(accessor, [reading.Type], $"Observation ({Scopes.NameOf(reading.Type)})");
        return reading;
    }

    /// <summary>An SSE connection is open for <paramref name="forHowLong"/> (at most 10 minutes, renewed by the connection).</summary>
    public void Watch(TimeSpan forHowLong) =>
        watchedUntil = Environment.TickCount64 + (long)Math.Clamp(forHowLong.TotalMilliseconds, 0, TimeSpan.FromMinutes(10).TotalMilliseconds);

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
            await space.AuthorizeAsync(accessor, SpaceBrick.Measurements, SpaceAction.Read, resource);
            return asked;
        }

        if (!accessor.MayReach(space.Person))
        {
            throw new AccessDeniedException("This token is bound to another person's space.");
        }

        await consents.LoadAsync();
        var open = await space.IsOpenAsync();
        var readable = asked.Where(t => consents.Holds(accessor.Id, Scopes.ReadMeasurements(t), open) && accessor.TokenAllows(Scopes.ReadMeasurements(t))).ToList();
        if (readable.Count == 0 || (!partial && readable.Count < asked.Count))
        {
            throw new AccessDeniedException($"No live consent of this person lets app '{accessor.Id}' read {string.Join(", ", asked.Except(readable).Select(Scopes.ReadMeasurements))}.");
        }

        await space.RecordAccessAsync(new SpaceGrant(accessor, SpaceViewer.App, null), "read", resource);
        return readable;
    }

    private static string? AlertOf(Reading reading) => reading.Type switch
    {
        MeasureType.Glucose when reading.Value < GlucoseLow => "glucose-low",
        MeasureType.Glucose when reading.Value > GlucoseHigh => "glucose-high",
        _ => null,
    };
}
