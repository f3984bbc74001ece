using System.Globalization;
using MonEspaceSante.Interfaces.Enrollment;

namespace MonEspaceSante.Api.Notices;

/// <summary>
/// A notice as a line of the mailing service's CSV. A field that a spreadsheet would run as a formula (it starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return: an address typed in a wave's file, say) is
/// written after an apostrophe, as OWASP recommends against CSV injection, and then quoted if it needs to be.
/// </summary>
public static class NoticeCsv
{
    public static string Row(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return string.Join(',',
            notice.Id.ToString(CultureInfo.InvariantCulture), notice.Kind, notice.Channel, Field(notice.Email), Field(notice.PostalAddress), Field(notice.WaveId),
            notice.CreatedAt.ToString("O", CultureInfo.InvariantCulture), notice.Deadline?.ToString("O", CultureInfo.InvariantCulture) ?? "", Field(notice.RecipientName)) + "\n";
    }

    public static string Field(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
