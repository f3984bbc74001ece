namespace MonEspaceSante.Interfaces.Errors;

/// <summary>Free text a person or a professional writes: bounded, and without control characters other than line breaks and tabs.</summary>
public static class PrintableText
{
    /// <summary>Throws <see cref="InvalidInputException"/> naming <paramref name="field"/> when <paramref name="value"/> is longer than <paramref name="max"/> or holds a control character.</summary>
    public static void Check(string? value, int max, string field)
    {
        if (value is not null && (value.Length > max || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            throw new InvalidInputException(field, $"at most {max} printable characters");
        }
    }
}
