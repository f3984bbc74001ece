using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Interfaces.Profile;

/// <summary>What makes <see cref="ProfileDeclarations"/> acceptable; each rule names the JSON field.</summary>
public static class ProfileDeclarationRules
{
    public const int MaxDirectives = 10_000;

    public static void Check(ProfileDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        Length(declarations.AdvanceDirectives, MaxDirectives, "advanceDirectives");
        if (!Enum.IsDefined(declarations.OrganDonation))
        {
            throw new InvalidInputException("organDonation", "Unstated, Consents or Refuses");
        }

        if (declarations.TrustedPerson is { } trusted)
        {
            if (string.IsNullOrWhiteSpace(trusted.Name))
            {
                throw new InvalidInputException("trustedPerson.name", "is required");
            }

            Length(trusted.Name, 200, "trustedPerson.name");
            Length(trusted.Relation, 100, "trustedPerson.relation");
            Length(trusted.Phone, 32, "trustedPerson.phone");
            Length(trusted.Email, 254, "trustedPerson.email");
            if (trusted.Email is { } email && (!email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace)))
            {
                throw new InvalidInputException("trustedPerson.email", "is not an e-mail address");
            }
        }
    }

    private static void Length(string? value, int max, string field)
    {
        if (value is not null && (value.Length > max || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')))
        {
            throw new InvalidInputException(field, $"at most {max} printable characters");
        }
    }
}
