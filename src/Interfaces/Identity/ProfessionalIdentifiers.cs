using System.Diagnostics.CodeAnalysis;

namespace MonEspaceSante.Interfaces.Identity;

/// <summary>The shapes of a professional's identifiers: the RPPS number, and a TRE_G15 profession code.</summary>
public static class ProfessionalIdentifiers
{
    /// <summary>An RPPS number: 11 digits.</summary>
    public static bool IsRpps([NotNullWhen(true)] string? value) => value is { Length: 11 } && value.All(char.IsAsciiDigit);

    /// <summary>A TRE_G15 profession code: 1 to 4 digits (10 physician, 21 pharmacist, 60 nurse...).</summary>
    public static bool IsProfession([NotNullWhen(true)] string? value) => value is { Length: >= 1 and <= 4 } && value.All(char.IsAsciiDigit);
}
