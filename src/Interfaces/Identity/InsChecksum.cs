using System.Globalization;

namespace MonEspaceSante.Interfaces.Identity;

/// <summary>The structure and mod-97 key rules of the NIR.</summary>
public static class InsChecksum
{
    /// <summary>Returns null when <paramref name="nir"/> (already normalised) is valid, else the reason.</summary>
    public static string? Validate(string? nir)
    {
        if (string.IsNullOrEmpty(nir))
        {
            return "an INS is required";
        }

        if (nir.Length != Ins.Length)
        {
            return $"an INS has {Ins.Length} characters, this one has {nir.Length}";
        }

        if (nir[0] is not ('1' or '2' or '3' or '4' or '7' or '8'))
        {
            return "the first character (sex) must be 1, 2, 3, 4, 7 or 8";
        }

        for (var i = 0; i < Ins.Length; i++)
        {
            if (i is 5 or 6)
            {
                continue;
            }

            if (!char.IsAsciiDigit(nir[i]))
            {
                return $"character {i + 1} must be a digit";
            }
        }

        var departement = nir.AsSpan(5, 2);
        if (!(char.IsAsciiDigit(departement[0]) && char.IsAsciiDigit(departement[1]))
            && departement is not "2A" and not "2B")
        {
            return "the département (characters 6-7) must be two digits, 2A or 2B";
        }

        var key = int.Parse(nir.AsSpan(13, 2), CultureInfo.InvariantCulture);
        var expected = ComputeKey(nir[..13]);
        if (key != expected)
        {
            return $"the control key {nir.Substring(13, 2)} does not match the first 13 characters";
        }

        return null;
    }

    /// <summary>Key = 97 − (first 13 characters as a number mod 97), with 2A→19 and 2B→18.</summary>
    public static int ComputeKey(string firstThirteen)
    {
        ArgumentNullException.ThrowIfNull(firstThirteen);
        if (firstThirteen.Length != 13)
        {
            throw new ArgumentException("The key is computed on exactly 13 characters.", nameof(firstThirteen));
        }

        var digits = firstThirteen[..5] + firstThirteen.Substring(5, 2) switch
        {
            "2A" => "19",
            "2B" => "18",
            var d => d,
        } + firstThirteen[7..];

        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new ArgumentException("The first 13 characters must be digits (or 2A/2B).", nameof(firstThirteen));
        }

        return (int)(97 - (number % 97));
    }
}
