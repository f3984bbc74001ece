using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>
/// The measurements facet of a person's grain (same grain and key as <see cref="Patients.IPatientGrain"/>).
/// Readings arrive through the <c>device-readings</c> stream; these are the reads. Each checks the
/// accessor against the person's controls and consents, and records any read by someone other than the
/// person in their access history.
/// </summary>
[Alias("mes.IPatientMeasurementsGrain")]
public interface IPatientMeasurementsGrain : IGrainWithStringKey
{
    [Alias("GetLatest")]
    Task<IReadOnlyList<LatestMeasurement>> GetLatestAsync(Accessor accessor);

    /// <summary>A chart series of one type over [from, to), at most 10,000 points.</summary>
    [Alias("GetSeries")]
    Task<IReadOnlyList<SeriesPoint>> GetSeriesAsync(Accessor accessor, MeasureType type, DateTimeOffset from, DateTimeOffset to, SeriesAggregation aggregation);

    /// <summary>
    /// An open live feed (SSE) of the holder says it is watching, and says it again while it stays
    /// open: the grain publishes new readings to the live stream only while someone watches.
    /// </summary>
    [Alias("WatchLive")]
    Task WatchLiveAsync(TimeSpan forHowLong);

    /// <summary>Readings of the given types (all when empty) in [from, to), newest first unless <paramref name="options"/> say otherwise, by pages.</summary>
    [Alias("Search")]
    Task<ReadingPage> SearchAsync(Accessor accessor, IReadOnlyList<MeasureType> types, DateTimeOffset? from, DateTimeOffset? to, int count, string? after, ReadingSearchOptions? options = null);

    /// <summary>One reading by its Observation id (<see cref="ObservationIds"/>), under the same rules as a search of its type; not found: an error.</summary>
    [Alias("Read")]
    Task<Reading> ReadAsync(Accessor accessor, string observationId);
}
