namespace MonEspaceSante.Grains;

/// <summary>
/// The service's civil time: France (Europe/Paris). Days of the agenda, the daily jobs and the dates notices print are
/// French days, not UTC ones (at 00:30 in Paris it is still yesterday in UTC).
/// </summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateTimeOffset Of(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The day it is in Paris at <paramref name="at"/>.</summary>
    public static DateOnly Today(DateTimeOffset at) => DateOnly.FromDateTime(Of(at).DateTime);

    /// <summary>The first instant of <paramref name="day"/> in Paris, in UTC (what PostgreSQL takes).</summary>
    public static DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
