using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>
/// What makes an <see cref="AgendaDraft"/> acceptable. Shared by the API (which names the fields of its
/// own representation, e.g. <c>Appointment.end</c>) and the grain (which checks again, and alone knows
/// the domain's now). Each rule throws <see cref="InvalidInputException"/> naming the field.
/// </summary>
public static class AgendaRules
{
    public const int MaxTitle = 200;

    public const int MaxDescription = 2000;

    /// <summary>Location and practitioner name.</summary>
    public const int MaxText = 200;

    public const int MaxExternalId = 128;

    public const int MaxExternalSystem = 256;

    /// <summary>Start and end lie within this many years of now; anything further is a typo, not a booking.</summary>
    public const int MaxYearsAway = 10;

    /// <summary>The longest entry: a hospitalisation of a year.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    /// <summary>
    /// Checks what the draft says by itself. <paramref name="field"/> turns the canonical names (title,
    /// description, start, end, location, practitionerName, practitionerRpps, externalId, externalSystem)
    /// into the caller's; null keeps them.
    /// </summary>
    public static void Check(AgendaDraft draft, Func<string, string>? field = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        field ??= name => name;
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            throw new InvalidInputException(field("title"), "is required");
        }

        Length(draft.Title, MaxTitle, field("title"));
        Length(draft.Description, MaxDescription, field("description"));
        Length(draft.Location, MaxText, field("location"));
        Length(draft.PractitionerName, MaxText, field("practitionerName"));
        Length(draft.ExternalSystem, MaxExternalSystem, field("externalSystem"));
        if (draft.ExternalId is not null && (draft.ExternalId.Length is 0 or > MaxExternalId || draft.ExternalId.Any(char.IsControl)))
        {
            throw new InvalidInputException(field("externalId"), $"1 to {MaxExternalId} printable characters");
        }

        if (draft.PractitionerRpps is not null && !ProfessionalIdentifiers.IsRpps(draft.PractitionerRpps))
        {
            throw new InvalidInputException(field("practitionerRpps"), "an RPPS number has 11 digits");
        }

        if (draft.Start is not { } start)
        {
            throw new InvalidInputException(field("start"), "is required");
        }

        if (draft.End is { } end && end < start)
        {
            throw new InvalidInputException(field("end"), "is before start");
        }

        if (draft.End is { } until && until - start > MaxDuration)
        {
            throw new InvalidInputException(field("end"), "more than a year after start");
        }
    }

    /// <summary>Checks that start and end lie within <see cref="MaxYearsAway"/> years of <paramref name="now"/>.</summary>
    public static void CheckWhen(AgendaDraft draft, DateTimeOffset now, Func<string, string>? field = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        field ??= name => name;
        if (draft.Start is { } start && (start < now.AddYears(-MaxYearsAway) || start > now.AddYears(MaxYearsAway)))
        {
            throw new InvalidInputException(field("start"), $"more than {MaxYearsAway} years away from today");
        }

        if (draft.End is { } end && end > now.AddYears(MaxYearsAway))
        {
            throw new InvalidInputException(field("end"), $"more than {MaxYearsAway} years away from today");
        }
    }

    private static void Length(string? text, int max, string name)
    {
        if (text is not null && text.Length > max)
        {
            throw new InvalidInputException(name, $"at most {max} characters");
        }
    }
}
