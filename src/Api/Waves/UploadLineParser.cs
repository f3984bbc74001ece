using System.Globalization;
using System.Text.RegularExpressions;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Waves;

/// <summary>
/// Checks the fields of one upload line. Reasons name the field and never repeat its value (an INS
/// must not travel back in clear, nor end up in logs).
/// </summary>
public static partial class UploadLineParser
{
    public const int MaxLineLength = 16 * 1024;

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]{1,253}\.[^@\s.]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$", RegexOptions.CultureInvariant)]
    private static partial Regex DepartementPattern();

    // The INS record's traits: letters (accented ones too), spaces, hyphens and apostrophes.
    [GeneratedRegex(@"^[\p{L}][\p{L} '\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>A line's fields as read from NDJSON or CSV, before checks.</summary>
    public sealed record RawLine(long LineNumber, string? Ins, string? Email, string? PostalAddress, string? BirthDate, string? Departement,
        string? BirthName = null, string? FirstNames = null, string? UsedName = null);

    public static (WaveLine? Line, UploadLineError? Error) Check(RawLine raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!Ins.TryParse(raw.Ins, out var ins, out var insReason))
        {
            return Refuse(raw, $"ins: {insReason}");
        }

        var email = Blank(raw.Email);
        var postal = Blank(raw.PostalAddress);
        if (email is null && postal is null)
        {
            return Refuse(raw, "no contact channel: an email or a postal address is required");
        }

        if (email is not null && (email.Length > 254 || !EmailPattern().IsMatch(email)))
        {
            return Refuse(raw, "email: not an e-mail address");
        }

        if (postal is not null && postal.Length > 500)
        {
            return Refuse(raw, "postalAddress: at most 500 characters");
        }

        DateOnly? birth = null;
        if (Blank(raw.BirthDate) is { } birthText)
        {
            if (!DateOnly.TryParseExact(birthText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || parsed.Year < 1890)
            {
                return Refuse(raw, "birthDate: expected a date as yyyy-MM-dd");
            }

            birth = parsed;
        }

        var departement = Blank(raw.Departement)?.ToUpperInvariant();
        if (departement is not null && !DepartementPattern().IsMatch(departement))
        {
            return Refuse(raw, "departement: expected 01-95, 2A, 2B or 971-976");
        }

        var (birthName, firstNames, usedName) = (Blank(raw.BirthName), Blank(raw.FirstNames), Blank(raw.UsedName));
        if (email is null && (birthName is null || firstNames is null))
        {
            return Refuse(raw, "birthName and firstNames: a person reached by letter only is addressed by name (the INS record's traits)");
        }

        foreach (var (field, value) in new[] { ("birthName", birthName), ("firstNames", firstNames), ("usedName", usedName) })
        {
            if (value is not null && (value.Length > 100 || !NamePattern().IsMatch(value)))
            {
                return Refuse(raw, $"{field}: at most 100 letters, spaces, hyphens and apostrophes");
            }
        }

        return (new WaveLine(raw.LineNumber, ins.Value, email, postal, birth, departement, birthName, firstNames, usedName), null);
    }

    private static (WaveLine?, UploadLineError?) Refuse(RawLine raw, string reason) => (null, new UploadLineError(raw.LineNumber, reason));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
