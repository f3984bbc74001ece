using Hl7.Fhir.Model;
using MonEspaceSante.Interfaces.Profile;
using static Hl7.Fhir.Model.CapabilityStatement;
using static MonEspaceSante.Api.Fhir.FhirCapability;

namespace MonEspaceSante.Api.Profile;

/// <summary>What the FHIR API offers for the medical profile, listed in the CapabilityStatement.</summary>
public static class ProfileCapability
{
    public static IReadOnlyList<ResourceComponent> Resources { get; } = [.. Enum.GetValues<ProfileKind>().Select(Resource)];

    private static ResourceComponent Resource(ProfileKind kind)
    {
        var type = ProfileFields.ResourceOf(kind);
        return Fhir.FhirCapability.Resource(
                type,
                $"The medical profile's {type} items. Codes in {string.Join(", ", ProfileCodeSystems.For(kind))} (others refused with a 422), or text. "
                    + "Labels in meta.security: MASQUE_PS (the person hides it from professionals), INVISIBLE_REPRESENTANTS_LEGAUX (a professional, for a minor). "
                    + $"Apps need profile.write:{ListOf(kind)} to create and profile.read:{ListOf(kind)} to read; professionals read and create.",
                [TypeRestfulInteraction.Create, TypeRestfulInteraction.Read, TypeRestfulInteraction.SearchType],
                Search("patient", SearchParamType.Reference, "The person: an INS, Patient/INS or system|INS; the holder's own by default."),
                Search("_count", SearchParamType.Number, "Items per page: 1 to 1000, 100 by default."),
                Search("_page", SearchParamType.Number, "How many items to skip, as the next link carries it."))
            .Versioned(ResourceVersionPolicy.Versioned, conditionalCreate: false);
    }

    private static string ListOf(ProfileKind kind) => Interfaces.Consents.Scopes.ReadProfile(kind).Split(':')[1];
}
