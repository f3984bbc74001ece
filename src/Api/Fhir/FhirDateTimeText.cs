namespace MonEspaceSante.Api.Fhir;

internal enum DateTimePrecision
{
    Year = 0,
    Month = 1,
    Day = 2,
    Time = 3,
}

/// <summary>
/// Reads FHIR <c>dateTime</c>/<c>instant</c> literals (YYYY, YYYY-MM, YYYY-MM-DD or
/// YYYY-MM-DDThh:mm:ss[.f]Z|±hh:mm). Written by hand because it runs for every reading on the hot
/// path and must refuse exactly what FHIR refuses, which the .NET parsers do not (a time without zone).
/// </summary>
internal static class FhirDateTimeText
{
    /// <summary>Parses <paramref name="text"/>; a partial date gives the start of its period, in UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out DateTimePrecision precision)
    {
        value = default;
        precision = DateTimePrecision.Year;
        if (text is null || text.Length < 4 || !TryDigits(text, 0, 4, out var year) || year == 0)
        {
            return false;
        }

        var month = 1;
        var day = 1;
        if (text.Length > 4 && !(text[4] == '-' && text.Length >= 7 && TryDigits(text, 5, 2, out month) && month is >= 1 and <= 12))
        {
            return false;
        }

        if (text.Length > 7 && !(text[7] == '-' && text.Length >= 10 && TryDigits(text, 8, 2, out day)
            && day >= 1 && day <= DateTime.DaysInMonth(year, month)))
        {
            return false;
        }

        precision = text.Length switch { 4 => DateTimePrecision.Year, 7 => DateTimePrecision.Month, _ => DateTimePrecision.Day };
        if (text.Length <= 10)
        {
            value = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            return true;
        }

        precision = DateTimePrecision.Time;
        return TryParseTime(text, year, month, day, out value);
    }

    private static bool TryParseTime(string text, int year, int month, int day, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text, 11, 2, out var hour) || hour > 23
            || !TryDigits(text, 14, 2, out var minute) || minute > 59
            || !TryDigits(text, 17, 2, out var second) || second > 59)
        {
            return false;
        }

        var position = 19;
        long ticks = 0;
        if (text[position] == '.')
        {
            var start = ++position;
            var scale = TimeSpan.TicksPerSecond;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                scale /= 10;
                ticks += (text[position] - '0') * scale;
                position++;
            }

            if (position == start)
            {
                return false;
            }
        }

        if (!TryParseZone(text, position, out var offset))
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second).AddTicks(ticks);
        if (local - offset < DateTime.MinValue.AddDays(1) || local - offset > DateTime.MaxValue.AddDays(-1))
        {
            // Year 1 or 9999 pushed out of range by its offset: no real reading is there.
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool TryParseZone(string text, int position, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (position == text.Length - 1 && text[position] == 'Z')
        {
            return true;
        }

        if (position != text.Length - 6 || text[position] is not ('+' or '-') || text[position + 3] != ':'
            || !TryDigits(text, position + 1, 2, out var hours) || !TryDigits(text, position + 4, 2, out var minutes)
            || minutes > 59 || hours > 14 || (hours == 14 && minutes > 0))
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        offset = text[position] == '-' ? -offset : offset;
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            number = (number * 10) + (text[i] - '0');
        }

        return true;
    }
}
