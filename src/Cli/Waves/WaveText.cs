using System.Globalization;

namespace MonEspaceSante.Cli.Waves;

/// <summary>How wave values read on screen: UTC times, windows in days, counts with separators.</summary>
internal static class WaveText
{
    public static string When(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Window(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalDays:0} day{(window.TotalDays == 1 ? "" : "s")}")
            : window.ToString("c", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "-",
        { TotalHours: >= 1 } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00} min"),
        { TotalMinutes: >= 1 } d => string.Create(CultureInfo.InvariantCulture, $"{d.Minutes} min {d.Seconds:00} s"),
        { } d => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(d.TotalSeconds):0} s"),
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => string.Create(CultureInfo.InvariantCulture, $"{perSecond:0.#}/s");
}
