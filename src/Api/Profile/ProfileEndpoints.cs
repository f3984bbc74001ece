using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Interfaces.Profile;

namespace MonEspaceSante.Api.Profile;

/// <summary>
/// The medical profile over JSON (<c>/api/v1/me/profile</c>: the person, or a minor's legal representative with
/// <c>X-Act-For</c>) and FHIR (<c>Condition</c>, <c>AllergyIntolerance</c>, <c>MedicationStatement</c>, <c>Immunization</c>).
/// </summary>
public static class ProfileEndpoints
{
    public static MesRoutes MapMedicalProfile(this MesRoutes routes) => routes.Map(api => api.MapProfileEndpoints(), ProfileFhirEndpoints.Map);

    internal static RouteGroupBuilder MapProfileEndpoints(this RouteGroupBuilder api)
    {
        var profile = api.MapGroup("/me/profile").WithTags("My medical profile").RequireAuthorization(MesRoles.Patient);
        profile.MapGet("/", (HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.GetProfileAsync(me)))
            .WithName("GetMyMedicalProfile").WithSummary("Every item (conditions, allergies, treatments, vaccinations), latest first, and the declarations.");
        profile.MapPost("/items", AddAsync).WithName("AddToMyMedicalProfile")
            .WithSummary("Adds an item (201). A vaccination may point to its proof (proofDocumentId, a document of the space). The space must be open.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        profile.MapPut("/items/{id}/masked", (string id, ProfileMaskRequest request, HttpContext http, IGrainFactory grains) =>
                Run(http, grains, (g, me) => g.SetMaskedAsync(me, id, request.Masked ?? throw new InvalidInputException("masked", "is required (true or false)"))))
            .WithName("MaskMyMedicalProfileItem").WithSummary("{\"masked\": true} hides the item from professionals other than its author; false shows it again.");
        profile.MapDelete("/items/{id}", RemoveAsync).WithName("RemoveFromMyMedicalProfile").WithSummary("Removes an item (204).");
        profile.MapPut("/declarations", (ProfileDeclarations request, HttpContext http, IGrainFactory grains) => Run(http, grains, (g, me) => g.SetDeclarationsAsync(me, request)))
            .WithName("SetMyProfileDeclarations")
            .WithSummary("Replaces the declarations: advanceDirectives (text) or advanceDirectivesDocumentId, organDonation (Unstated, Consents, Refuses), trustedPerson {name, relation, phone, email}.");
        return api;
    }

    private static async Task<Results<Created<ProfileEntry>, Ok<ProfileEntry>>> AddAsync(ProfileItemRequest request, HttpContext http, IGrainFactory grains)
    {
        var draft = request.ToDraft();
        var (space, me) = Caller.MySpace(http);
        var saved = await grains.GetGrain<IPatientMedicalProfileGrain>(PatientKey.From(space)).SaveAsync(me, draft);
        return saved.Created ? TypedResults.Created($"/api/v1/me/profile/items/{saved.Entry.Id}", saved.Entry) : TypedResults.Ok(saved.Entry);
    }

    private static async Task<NoContent> RemoveAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var (space, me) = Caller.MySpace(http);
        await grains.GetGrain<IPatientMedicalProfileGrain>(PatientKey.From(space)).RemoveAsync(me, id);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<T>> Run<T>(HttpContext http, IGrainFactory grains, Func<IPatientMedicalProfileGrain, Accessor, Task<T>> action)
    {
        var (space, me) = Caller.MySpace(http);
        return TypedResults.Ok(await action(grains.GetGrain<IPatientMedicalProfileGrain>(PatientKey.From(space)), me));
    }
}
