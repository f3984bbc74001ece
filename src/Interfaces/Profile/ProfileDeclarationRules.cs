using MonEspaceSante.Interfaces.Errors;

namespace MonEspaceSante.Interfaces.Profile;

/// <summary>What makes <see cref="ProfileDeclarations"/> acceptable; each rule names the JSON field.</summary>
public static class ProfileDeclarationRules
{
    public const int MaxDirectives = 10_000;

    public static void Check(ProfileDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        PrintableText.Check(declarations.AdvanceDirectives, MaxDirectives, "advanceDirectives");
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

            PrintableText.Check(trusted.Name, 200, "trustedPerson.name");
            PrintableText.Check(trusted.Relation, 100, "trustedPerson.relation");
            PrintableText.Check(trusted.Phone, 32, "trustedPerson.phone");
            PrintableText.Check(trusted.Email, 254, "trustedPerson.email");
            if (trusted.Email is { } email && (!email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace)))
            {
                throw new InvalidInputException("trustedPerson.email", "is not an e-mail address");
            }
        }
    }
}
