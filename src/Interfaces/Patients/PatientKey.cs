using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Interfaces.Patients;

/// <summary>
/// The grain key of a person. It is the normalised INS behind a fixed prefix: the ADO.NET grain
/// storage parses keys that look like hexadecimal numbers as integers, and a NIR (digits, or digits
/// with 2A/2B) always looks like one; the prefix keeps every key a plain string, one row per person.
/// </summary>
public static class PatientKey
{
    /// <summary>The prefix of every patient grain key.</summary>
    public const string Prefix = "ins:";

    /// <summary>The grain key for <paramref name="ins"/>.</summary>
    public static string From(Ins ins) => Prefix + ins.Value;

    /// <summary>The INS of a grain key made by <see cref="From"/>.</summary>
    public static Ins ToIns(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("Not a patient grain key.", nameof(key));
        }

        return Ins.Parse(key[Prefix.Length..], "key");
    }
}
