using System.Diagnostics.CodeAnalysis;

namespace MonEspaceSante.Interfaces.Identity;

/// <summary>
/// The national health identifier (INS-NIR) of an insured person: 15 characters, sex (1), year (2),
/// month (2), département (2, possibly <c>2A</c>/<c>2B</c>), commune (3), order (3) and a mod-97 key (2).
/// </summary>
/// <remarks>
/// <see cref="ToString"/> deliberately returns the masked, log-safe form: an INS must never reach a
/// log line in clear. Use <see cref="Value"/> where the clear value is really needed (grain key,
/// FHIR identifier returned to its own holder).
/// </remarks>
[GenerateSerializer, Immutable, Alias("mes.Ins")]
public readonly record struct Ins
{
    /// <summary>The number of characters of an INS-NIR.</summary>
    public const int Length = 15;

    [Id(0)]
    private readonly string? value;

    private Ins(string value) => this.value = value;

    /// <summary>The normalised clear value: 15 characters, upper case, no separators.</summary>
    public string Value => value ?? throw new InvalidOperationException("Default(Ins) holds no identifier.");

    /// <summary>The sex digit: 1 male, 2 female; 3, 4, 7, 8 for provisional numbers.</summary>
    public char SexDigit => Value[0];

    /// <summary>The two-character département code (<c>2A</c>/<c>2B</c> for Corsica, 99 born abroad).</summary>
    public string Departement => Value.Substring(5, 2);

    /// <summary>Parses and validates an INS; throws <see cref="Errors.InvalidInputException"/> naming <paramref name="field"/>.</summary>
    public static Ins Parse(string? text, string field = "ins")
    {
        if (TryParse(text, out var ins, out var reason))
        {
            return ins;
        }

        throw new Errors.InvalidInputException(field, reason);
    }

    /// <summary>Parses and validates an INS, saying why it is refused.</summary>
    public static bool TryParse(string? text, out Ins ins, [NotNullWhen(false)] out string? reason)
    {
        ins = default;
        var normalised = Normalise(text);
        reason = InsChecksum.Validate(normalised);
        if (reason is not null)
        {
            return false;
        }

        ins = new Ins(normalised!);
        return true;
    }

    /// <summary>Builds a valid INS from its first 13 characters by appending the computed key.</summary>
    public static Ins FromBody(string firstThirteen) =>
        Parse(firstThirteen.ToUpperInvariant() + InsChecksum.ComputeKey(firstThirteen.ToUpperInvariant()).ToString("00", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A short keyed hash, safe for logs, metric tags and trace names.</summary>
    public string Masked => value is null ? "ins#none" : InsMask.Mask(value);

    /// <inheritdoc />
    public override string ToString() => Masked;

    private static string? Normalise(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // People write the NIR in groups ("1 84 12 76 451 089 46"): spaces, dots and dashes are separators.
        Span<char> buffer = stackalloc char[32];
        var length = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '.' or '-' or '\u00A0')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return text.Trim().ToUpperInvariant();
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        return new string(buffer[..length]);
    }
}
