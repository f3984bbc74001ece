using System.Globalization;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Api.Profile;

/// <summary>
/// An item the person writes in their medical profile: <c>kind</c> is <c>condition</c>, <c>allergy</c>, <c>medication</c> or
/// <c>immunization</c>; <c>codes</c> are optional when <c>text</c> says what it is (a vaccination without a code satisfies no
/// reminder); dates are days (<c>2026-03-02</c>). A vaccination the person enters may point to its proof, a document they deposited.
/// </summary>
public sealed record ProfileItemRequest(
    string? Kind,
    IReadOnlyList<ProfileCodeRequest>? Codes = null,
    string? Text = null,
    string? Status = null,
    string? Occurred = null,
    string? Ended = null,
    string? Detail = null,
    int? DoseNumber = null,
    string? Note = null,
    string? ProofDocumentId = null,
    IReadOnlyList<string>? Labels = null)
{
    public ProfileDraft ToDraft()
    {
        var kind = Kind?.ToLowerInvariant() switch
        {
            "condition" => ProfileKind.Condition,
            "allergy" => ProfileKind.Allergy,
            "medication" => ProfileKind.Medication,
            "immunization" or "vaccination" => ProfileKind.Immunization,
            _ => throw new InvalidInputException("kind", "condition, allergy, medication or immunization"),
        };
        var codes = (Codes ?? []).Select((c, i) => c?.System is null || c.Code is null
            ? throw new InvalidInputException($"codes[{i}]", "a coding has a system and a code")
            : new ProfileCode(c.System, c.Code, c.Display)).ToList();
        var draft = new ProfileDraft(kind, codes, Text, Status, Day(Occurred, "occurred"), Day(Ended, "ended"), Detail, DoseNumber, Note, ProofDocumentId, Labels ?? []);
        ProfileRules.Check(draft);
        return draft;
    }

    private static DateOnly? Day(string? text, string field) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new InvalidInputException(field, "a day: 2026-03-02");
}

/// <summary>One coding: <c>{"system": "http://www.whocc.no/atc", "code": "J07CA09"}</c>.</summary>
public sealed record ProfileCodeRequest(string? System, string? Code, string? Display = null);

/// <summary><c>{"masked": true}</c> hides an item from professionals; false shows it again.</summary>
public sealed record ProfileMaskRequest(bool? Masked);
