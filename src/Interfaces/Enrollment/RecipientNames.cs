namespace MonEspaceSante.Interfaces.Enrollment;

/// <summary>
/// The name a notice is addressed to, from the INS record's identity traits: the first of the first names, then the used
/// name when the person has one, else the birth name (<c>Claire MARTIN</c>, as French post addresses a person).
/// </summary>
public static class RecipientNames
{
    public static string? Of(string? birthName, string? firstNames, string? usedName)
    {
        var family = string.IsNullOrWhiteSpace(usedName) ? birthName : usedName;
        if (string.IsNullOrWhiteSpace(family))
        {
            return null;
        }

        var first = firstNames?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var upper = family.Trim().ToUpperInvariant();
        return first is null ? upper : $"{first} {upper}";
    }
}
