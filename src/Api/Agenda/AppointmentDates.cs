using Microsoft.Extensions.Primitives;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Agenda;

/// <summary>The FHIR <c>date</c> search parameter of Appointment (its start): ge, gt, le, lt or eq, repeatable, to a range.</summary>
internal static class AppointmentDates
{
    public static (DateTimeOffset? From, DateTimeOffset? To) Parse(StringValues values)
    {
        DateTimeOffset? from = null, to = null;
        foreach (var value in values)
        {
            var text = value ?? "";
            var prefix = text.Length > 2 && char.IsAsciiLetter(text[0]) ? text[..2] : "eq";
            var date = prefix == "eq" && !text.StartsWith("eq", StringComparison.Ordinal) ? text : text[2..];
            if (!FhirDateTimeText.TryParse(date, out var at, out var precision))
            {
                throw new InvalidInputException("date", "a FHIR date or dateTime, optionally prefixed ge, gt, le, lt or eq");
            }

            // A partial date is a period: gt 2026-03 means from April on, le 2026-03 until the end of March.
            var end = precision switch
            {
                DateTimePrecision.Year => at.AddYears(1),
                DateTimePrecision.Month => at.AddMonths(1),
                DateTimePrecision.Day => at.AddDays(1),
                _ => at.AddTicks(1),
            };
            (DateTimeOffset? From, DateTimeOffset? To) range = prefix switch
            {
                "ge" => (at, to),
                "gt" => (end, to),
                "lt" => (from, at),
                "le" => (from, end),
                "eq" => (at, end),
                _ => throw new InvalidInputException("date", $"prefix '{prefix}' is not supported (ge, gt, le, lt, eq)"),
            };
            (from, to) = range;
        }

        return (from, to);
    }
}
