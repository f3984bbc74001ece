using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Interfaces.Profile;

/// <summary>
/// What makes a <see cref="ProfileDraft"/> acceptable, shared by the API (which names its own fields, e.g.
/// <c>Immunization.occurrenceDateTime</c>) and the grain (which checks again, and alone knows the domain's today).
/// A draft that is well formed but says something impossible (an unknown code system, a date to come) is a 422.
/// </summary>
public static class ProfileRules
{
    public const int MaxText = 500;

    public const int MaxNote = 2000;

    public const int MaxCodes = 10;

    /// <summary>The statuses each kind takes (FHIR's codes), the first being the default.</summary>
    public static readonly IReadOnlyDictionary<ProfileKind, string[]> Statuses = new Dictionary<ProfileKind, string[]>
    {
        [ProfileKind.Condition] = ["active", "recurrence", "relapse", "inactive", "remission", "resolved"],
        [ProfileKind.Allergy] = ["active", "inactive", "resolved"],
        [ProfileKind.Medication] = ["active", "completed", "stopped", "on-hold", "intended", "not-taken"],
        [ProfileKind.Immunization] = ["completed", "not-done"],
    };

    /// <summary>The labels a profile item may carry.</summary>
    public static readonly IReadOnlySet<string> Labels = new HashSet<string>(StringComparer.Ordinal)
    {
        DocumentLabels.MaskedFromProfessionals, DocumentLabels.InvisibleToRepresentatives,
    };

    /// <summary>The draft's status, or its kind's default when it has none (resolved or completed once it ended).</summary>
    public static string StatusOf(ProfileDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.Status ?? (draft.Ended is null ? Statuses[draft.Kind][0] : draft.Kind == ProfileKind.Medication ? "completed" : "resolved");
    }

    /// <summary>
    /// Checks what the draft says by itself. <paramref name="field"/> turns the canonical names (codes, text, status,
    /// occurred, ended, detail, doseNumber, note, proofDocumentId, labels) into the caller's; null keeps them.
    /// </summary>
    public static void Check(ProfileDraft draft, Func<string, string>? field = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        field ??= name => name;
        if (draft.Codes.Count == 0 && string.IsNullOrWhiteSpace(draft.Text))
        {
            throw new InvalidInputException(field("codes"), "say what it is: a coding, or the text");
        }

        if (draft.Codes.Count > MaxCodes)
        {
            throw new InvalidInputException(field("codes"), $"at most {MaxCodes} codings");
        }

        foreach (var code in draft.Codes)
        {
            if (ProfileCodeSystems.Refusal(draft.Kind, code.System, code.Code) is { } refusal)
            {
                throw new UnprocessableException(field("codes"), refusal);
            }

            PrintableText.Check(code.Display, MaxText, field("codes"));
        }

        PrintableText.Check(draft.Text, MaxText, field("text"));
        PrintableText.Check(draft.ExternalSystem, 256, field("identifier"));
        if (draft.ExternalId is { Length: 0 or > 128 })
        {
            throw new InvalidInputException(field("identifier"), "1 to 128 characters");
        }

        PrintableText.Check(draft.ExternalId, 128, field("identifier"));
        PrintableText.Check(draft.Detail, MaxText, field("detail"));
        PrintableText.Check(draft.Note, MaxNote, field("note"));
        if (draft.Status is not null && !Statuses[draft.Kind].Contains(draft.Status, StringComparer.Ordinal))
        {
            throw new UnprocessableException(field("status"), $"one of {string.Join(", ", Statuses[draft.Kind])}");
        }

        if (draft.Kind == ProfileKind.Condition && draft.Ended is not null && draft.Status is not (null or "inactive" or "resolved" or "remission"))
        {
            throw new UnprocessableException(field("status"), "a condition that ended is inactive, resolved or in remission");
        }

        if (draft.Kind == ProfileKind.Immunization && draft.Occurred is null)
        {
            throw new InvalidInputException(field("occurred"), "a vaccination needs its date");
        }

        if (draft.Occurred is { } occurred && draft.Ended is { } ended && ended < occurred)
        {
            throw new UnprocessableException(field("ended"), "is before the start");
        }

        foreach (var (name, given) in new[] { ("ended", draft.Ended is not null), ("detail", draft.Detail is not null), ("doseNumber", draft.DoseNumber is not null), ("proofDocumentId", draft.ProofDocumentId is not null) })
        {
            if (given && !ProfileFields.Takes(draft.Kind, name))
            {
                throw new UnprocessableException(field(name), $"{ProfileFields.ResourceOf(draft.Kind)} has no place for it");
            }
        }

        if (draft.DoseNumber is < 1 or > 20)
        {
            throw new UnprocessableException(field("doseNumber"), "from 1 to 20");
        }

        if (draft.Labels.FirstOrDefault(l => !Labels.Contains(l)) is { } label)
        {
            throw new UnprocessableException(field("labels"), $"'{label}' is not a label of a profile item; known: {string.Join(", ", Labels)}");
        }
    }

    /// <summary>Dates lie between 1900 and <paramref name="today"/>: nothing in a record happens later than today.</summary>
    public static void CheckDates(ProfileDraft draft, DateOnly today, Func<string, string>? field = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        field ??= name => name;
        foreach (var (name, date) in new[] { ("occurred", draft.Occurred), ("ended", draft.Ended) })
        {
            if (date is { } day && (day > today || day.Year < 1900))
            {
                throw new UnprocessableException(field(name), $"must lie between 1900-01-01 and today ({today:yyyy-MM-dd})");
            }
        }
    }
}
