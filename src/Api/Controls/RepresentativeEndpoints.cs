using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Api.SignIn;
using MonEspaceSante.Interfaces.Controls;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Controls;

/// <summary>
/// <c>/api/v1/patients/{ins}/representatives/{representative}</c>: an operator records who legally represents a minor.
/// The representative then acts in the minor's space with their own token and the <c>X-Act-For</c> header.
/// </summary>
public static class RepresentativeEndpoints
{
    internal static RouteGroupBuilder MapRepresentativeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/patients/{ins}/representatives").WithTags("Legal representatives").RequireAuthorization(OperatorScopes.Representatives);
        group.MapPut("/{representative}", (string ins, string representative, HttpContext http, IGrainFactory grains) => SetAsync(ins, representative, true, http, grains))
            .WithName("AddLegalRepresentative").WithSummary("Records a legal representative of a minor on the strength of ?reference= (the court decision or civil-status record) and ?birthDate= (YYYY-MM-DD, as that record gives it; once per person); 409 if the person is of age. Answers the number of representatives only.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{representative}", (string ins, string representative, HttpContext http, IGrainFactory grains) => SetAsync(ins, representative, false, http, grains))
            .WithName("RemoveLegalRepresentative").WithSummary("Removes a legal representative.");
        return api;
    }

    private static async Task<Ok<RepresentativesAnswer>> SetAsync(string ins, string representative, bool present, HttpContext http, IGrainFactory grains)
    {
        var minor = Ins.Parse(ins, "ins");
        var parent = Ins.Parse(representative, "representative");
        DateOnly? birthDate = http.Request.Query["birthDate"].FirstOrDefault() is { Length: > 0 } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
                ? date
                : throw new MonEspaceSante.Interfaces.Errors.InvalidInputException("birthDate", "a date, YYYY-MM-DD")
            : null;
        var count = await grains.GetGrain<IPatientControlsGrain>(PatientKey.From(minor))
            .SetRepresentativeAsync(Caller.From(http).AsAccessor("api"), parent, present, http.Request.Query["reference"].FirstOrDefault(), birthDate);
        return TypedResults.Ok(new RepresentativesAnswer(count));
    }
}

/// <summary>What an operator learns of a minor's space when recording a representative: how many the minor has, nothing more.</summary>
public sealed record RepresentativesAnswer(int LegalRepresentatives);
