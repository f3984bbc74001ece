using System.Text.RegularExpressions;

namespace MonEspaceSante.Interfaces.Identity;

/// <summary>
/// Replaces every NIR-shaped token in free text (log lines, exception texts, trace tags) by its
/// masked form. It is the safety net behind the rule that code never logs an INS: grain ids and
/// request paths carry one, and framework code logs those.
/// </summary>
public static partial class InsRedactor
{
    // The groups of a NIR (sex, year, month, department, commune, order, key) with the separators Ins.Parse accepts
    // between them (space, dot, hyphen, no-break space), as a person or a form writes it: "1 85 02 75 123 456 25".
    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-478][ .\-\u00A0]?[0-9]{2}[ .\-\u00A0]?[0-9]{2}[ .\-\u00A0]?(?:[0-9]{2}|2[ABab])[ .\-\u00A0]?[0-9]{3}[ .\-\u00A0]?[0-9]{3}[ .\-\u00A0]?[0-9]{2}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NirShaped();

    [GeneratedRegex(@"[ .\-\u00A0]", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    /// <summary>True when <paramref name="text"/> holds at least one NIR-shaped token.</summary>
    public static bool ContainsIns(string? text) => text is not null && NirShaped().IsMatch(text);

    /// <summary>The text with each NIR-shaped token replaced by <see cref="InsMask.Mask"/> of its normalised value.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NirShaped().Replace(text, match => InsMask.Mask(Separator().Replace(match.Value, "").ToUpperInvariant()));
    }
}
