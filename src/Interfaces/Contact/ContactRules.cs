using System.Text.RegularExpressions;
using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Interfaces.Contact;

/// <summary>What makes contact details acceptable; each rule names the JSON field.</summary>
public static partial class ContactRules
{
    public const int MaxPushRegistrations = 10;

    public static readonly IReadOnlySet<string> Platforms = new HashSet<string>(StringComparer.Ordinal) { "apns", "fcm", "web" };

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    // E.164: a plus and up to 15 digits (French mobiles: +336…, +337…).
    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex MobileShape();

    [GeneratedRegex("^[A-Za-z0-9:_.\\-]{16,4096}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();

    public static void Check(ContactUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Email is { Length: > 0 } email && (email.Length > 254 || !EmailShape().IsMatch(email)))
        {
            throw new InvalidInputException("email", "is not an e-mail address");
        }

        if (update.Mobile is { Length: > 0 } mobile && !MobileShape().IsMatch(mobile))
        {
            throw new InvalidInputException("mobile", "an international number: +33612345678");
        }

        PrintableText.Check(update.PostalAddress, 500, "postalAddress");
        PrintableText.Check(update.RecipientName, 200, "recipientName");
    }

    public static void CheckPush(string token, string platform)
    {
        if (token is null || !TokenShape().IsMatch(token))
        {
            throw new InvalidInputException("token", "the push provider's token: 16 to 4096 letters, digits and : _ . -");
        }

        if (platform is null || !Platforms.Contains(platform))
        {
            throw new InvalidInputException("platform", "apns, fcm or web");
        }
    }
}
