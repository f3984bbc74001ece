using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Api.Agenda;

/// <summary>
/// An appointment or hospitalisation the person writes in their agenda. Dates are ISO 8601 with a zone
/// (<c>2026-03-02T09:30:00+01:00</c>) or a day (<c>2026-03-02</c>); <c>kind</c> is <c>appointment</c>
/// (default) or <c>hospitalisation</c>; <c>status</c> is <c>booked</c> (default) or <c>cancelled</c>.
/// Without <c>externalId</c> the server makes one; sending the same one again updates the entry.
/// </summary>
public sealed record AgendaRequest(
    string? Title,
    string? Start,
    string? End = null,
    string? Kind = null,
    string? Description = null,
    string? Location = null,
    string? PractitionerName = null,
    string? PractitionerRpps = null,
    string? Status = null,
    string? ExternalId = null)
{
    /// <summary>The draft the grain checks; malformed values are refused here, naming the field.</summary>
    public AgendaDraft ToDraft() => new(
        ParseKind(Kind), Title, Description, Time(Start, "start"), Time(End, "end"), Location, PractitionerName, PractitionerRpps,
        ParseStatus(Status), ExternalId, null);

    public static AgendaKind ParseKind(string? kind) => kind?.ToLowerInvariant() switch
    {
        null or "appointment" => AgendaKind.Appointment,
        "hospitalisation" or "hospitalization" => AgendaKind.Hospitalisation,
        _ => throw new InvalidInputException("kind", "appointment or hospitalisation"),
    };

    public static AgendaStatus ParseStatus(string? status) => status?.ToLowerInvariant() switch
    {
        null or "booked" => AgendaStatus.Booked,
        "cancelled" => AgendaStatus.Cancelled,
        _ => throw new InvalidInputException("status", "booked or cancelled"),
    };

    private static DateTimeOffset? Time(string? text, string field) =>
        text is null ? null
        : FhirDateTimeText.TryParse(text, out var at, out var precision) && precision >= DateTimePrecision.Day ? at
        : throw new InvalidInputException(field, "a date (2026-03-02) or a date and time with its zone (2026-03-02T09:30:00+01:00)");
}
