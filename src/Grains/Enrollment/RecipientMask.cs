namespace MonEspaceSante.Grains.Enrollment;

/// <summary>Recipients as operators see them in the undelivered notices: enough to tell one from another, not to write to them.</summary>
public static class RecipientMask
{
    /// <summary><c>claire.martin@example.org</c> → <c>c***@example.org</c>.</summary>
    public static string Email(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    /// <summary><c>+33612345678</c> → <c>+336******78</c>.</summary>
    public static string Mobile(string mobile)
    {
        ArgumentNullException.ThrowIfNull(mobile);
        return mobile.Length < 7 ? "***" : mobile[..4] + new string('*', mobile.Length - 6) + mobile[^2..];
    }
}
