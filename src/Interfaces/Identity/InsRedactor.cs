using System.Text.RegularExpressions;

namespace MonEspaceSante.Interfaces.Identity;

/// <summary>
/// Replaces every NIR-shaped token in free text (log lines, exception texts, trace tags) by its
/// masked form. It is the safety net behind the rule that code never logs an INS: grain ids and
/// request paths carry one, and framework code logs those.
/// </summary>
public static partial class InsRedactor
{
    [GeneratedRegex(@"(?<![0-9A-Za-z])[1-478][0-9]{4}(?:[0-9]{2}|2[ABab])[0-9]{8}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NirShaped();

    /// <summary>True when <paramref name="text"/> holds at least one NIR-shaped token.</summary>
    public static bool ContainsIns(string? text) => text is not null && NirShaped().IsMatch(text);

    /// <summary>The text with each NIR-shaped token replaced by <see cref="InsMask.Mask"/> of its normalised value.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NirShaped().Replace(text, match => InsMask.Mask(match.Value.ToUpperInvariant()));
    }
}
