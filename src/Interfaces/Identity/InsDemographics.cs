using System.Globalization;

namespace MonEspaceSante.Interfaces.Identity;

/// <summary>
/// What an INS says of its holder: sex (first digit) and month of birth (digits 2-5). The profile holds no
/// birth date, and the INS is the one source every space has; the day of birth is not in it.
/// </summary>
public static class InsDemographics
{
    /// <summary>
    /// The first day of the month of birth. Two-digit years not after <paramref name="now"/>'s are this
    /// century's, the others the last; a month outside 01-12 (unknown at registration) counts as January.
    /// </summary>
    public static DateOnly BirthMonth(Ins ins, DateTimeOffset now)
    {
        var yy = int.Parse(ins.Value.AsSpan(1, 2), provider: CultureInfo.InvariantCulture);
        var mm = int.Parse(ins.Value.AsSpan(3, 2), provider: CultureInfo.InvariantCulture);
        var year = yy <= now.Year % 100 ? 2000 + yy : 1900 + yy;
        return new DateOnly(year, mm is >= 1 and <= 12 ? mm : 1, 1);
    }

    /// <summary>Whether the holder is a woman: first digit 2, 4 or 8 (1, 3 and 7 are men).</summary>
    public static bool IsFemale(Ins ins) => ins.SexDigit is '2' or '4' or '8';
}
