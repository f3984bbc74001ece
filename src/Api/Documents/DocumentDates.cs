using System.Globalization;
using Microsoft.Extensions.Primitives;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Documents;

/// <summary>Date ranges of document searches, as [from, to) on the date of care.</summary>
internal static class DocumentDates
{
    /// <summary>FHIR <c>date</c> parameters: <c>ge</c>, <c>gt</c>, <c>le</c>, <c>lt</c> or <c>eq</c> (the default) and a date or dateTime, repeatable.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) ParseFhir(StringValues values, string field)
    {
        DateTimeOffset? from = null, to = null;
        foreach (var value in values)
        {
            var text = value ?? "";
            var prefix = text.Length > 2 && char.IsLetter(text[0]) ? text[..2] : "eq";
            var date = prefix == "eq" && !text.StartsWith("eq", StringComparison.Ordinal) ? text : text[2..];
            if (!FhirDateTimeText.TryParse(date, out var at, out _))
            {
                throw new InvalidInputException(field, "a FHIR date or dateTime, optionally prefixed ge, gt, le, lt or eq");
            }

            var end = date.Length == 10 ? at.AddDays(1) : at.AddTicks(1);
            switch (prefix)
            {
                case "ge":
                    from = at;
                    break;
                case "gt":
                    from = end;
                    break;
                case "lt":
                    to = at;
                    break;
                case "le":
                    to = end;
                    break;
                case "eq":
                    (from, to) = (at, end);
                    break;
                default:
                    throw new InvalidInputException(field, $"prefix '{prefix}' is not supported (ge, gt, le, lt, eq)");
            }
        }

        return (from, to);
    }

    /// <summary>
    /// A JSON <c>from</c> or <c>to</c>: an ISO 8601 date or date-time (UTC unless it says otherwise). A date alone as
    /// <paramref name="end"/> includes that whole day.
    /// </summary>
    public static DateTimeOffset? ParseIso(string? text, string field, bool end)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return end ? start.AddDays(1) : start;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new InvalidInputException(field, "an ISO 8601 date (2026-03-01) or date-time (2026-03-01T08:30:00Z)");
    }
}
