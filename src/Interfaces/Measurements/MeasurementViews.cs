namespace MonEspaceSante.Interfaces.Measurements;

/// <summary>The latest reading of one type.</summary>
[GenerateSerializer, Immutable, Alias("mes.LatestMeasurement")]
public sealed record LatestMeasurement(
    [property: Id(0)] MeasureType Type,
    [property: Id(1)] double Value,
    [property: Id(2)] double? Secondary,
    [property: Id(3)] string Unit,
    [property: Id(4)] DateTimeOffset EffectiveAt,
    [property: Id(5)] string AppId);

/// <summary>How a series is aggregated: each reading, or min/max/mean/count per hour or per day (UTC).</summary>
public enum SeriesAggregation
{
    /// <summary>Every reading.</summary>
    Raw = 0,

    /// <summary>Per hour.</summary>
    Hour = 1,

    /// <summary>Per day.</summary>
    Day = 2,
}

/// <summary>One point of a chart: a reading (count 1) or an aggregate; Secondary* for diastolic pressure.</summary>
[GenerateSerializer, Immutable, Alias("mes.SeriesPoint")]
public sealed record SeriesPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] double Min,
    [property: Id(2)] double Max,
    [property: Id(3)] double Mean,
    [property: Id(4)] long Count,
    [property: Id(5)] double? SecondaryMin,
    [property: Id(6)] double? SecondaryMax,
    [property: Id(7)] double? SecondaryMean);

/// <summary>A page of readings in the order asked; <see cref="Next"/> continues after the last one; <see cref="Total"/> is null when not counted.</summary>
[GenerateSerializer, Immutable, Alias("mes.ReadingPage")]
public sealed record ReadingPage(
    [property: Id(0)] IReadOnlyList<Reading> Readings,
    [property: Id(1)] string? Next,
    [property: Id(2)] long? Total);

/// <summary>How a search goes beyond its filter: order, a plain offset (what partners of the national API send), whether to count.</summary>
/// <param name="Ascending">Oldest first (<c>_sort=date</c>) rather than newest first.</param>
/// <param name="Offset">Readings to skip (<c>_offset</c>), when no cursor is given.</param>
/// <param name="CountTotal">Whether to count every match (<c>_total=accurate</c> or <c>estimate</c>); without it, a first page that holds every match still gives its total.</param>
/// <param name="CountOnly">Only the count, no readings (<c>_summary=count</c>).</param>
[GenerateSerializer, Immutable, Alias("mes.ReadingSearchOptions")]
public sealed record ReadingSearchOptions(
    [property: Id(0)] bool Ascending = false,
    [property: Id(1)] int Offset = 0,
    [property: Id(2)] bool CountTotal = true,
    [property: Id(3)] bool CountOnly = false)
{
    /// <summary>The largest <c>_offset</c>: deeper pages follow the <c>next</c> link, whose cursor costs nothing to resume.</summary>
    public const int MaxOffset = 100_000;

    public static readonly ReadingSearchOptions Default = new();
}

/// <summary>A batch of readings of one person from one app request, as it travels on the device-readings stream.</summary>
[GenerateSerializer, Immutable, Alias("mes.ReadingBatch")]
public sealed record ReadingBatch([property: Id(0)] IReadOnlyList<Reading> Readings);

/// <summary>What the live feed of a person carries: a new reading, or an alert about one.</summary>
[GenerateSerializer, Immutable, Alias("mes.LiveMeasurement")]
public sealed record LiveMeasurement(
    [property: Id(0)] Reading Reading,
    [property: Id(1)] string? Alert);

/// <summary>One event of a person's live feed: the readings a batch brought, with their alerts.</summary>
[GenerateSerializer, Immutable, Alias("mes.LiveMeasurements")]
public sealed record LiveMeasurements([property: Id(0)] IReadOnlyList<LiveMeasurement> Items);
