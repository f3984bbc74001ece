namespace MonEspaceSante.Interfaces.Profile;

/// <summary>
/// What only the person declares in their profile, read by the professionals who care for them: advance directives
/// (the text, or a document of the space holding them), the wish about organ donation, and the trusted person.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.ProfileDeclarations")]
public sealed record ProfileDeclarations(
    [property: Id(0)] string? AdvanceDirectives,
    [property: Id(1)] string? AdvanceDirectivesDocumentId,
    [property: Id(2)] OrganDonationWish OrganDonation,
    [property: Id(3)] TrustedPerson? TrustedPerson,
    [property: Id(4)] DateTimeOffset? UpdatedAt = null)
{
    public static ProfileDeclarations None { get; } = new(null, null, OrganDonationWish.Unstated, null);
}

/// <summary>
/// The person's wish about organ donation, said to their relatives through the space. A refusal is binding only once
/// entered in the national register of refusals, which this space does not replace.
/// </summary>
public enum OrganDonationWish
{
    Unstated = 0,
    Consents = 1,
    Refuses = 2,
}

/// <summary>The trusted person (personne de confiance, CSP L1111-6) and how to reach them.</summary>
[GenerateSerializer, Immutable, Alias("mes.TrustedPerson")]
public sealed record TrustedPerson(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Relation,
    [property: Id(2)] string? Phone,
    [property: Id(3)] string? Email);
