using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Security;

/// <summary>
/// <c>POST /dev/token</c>: mints a token for any role and subject, signed with the authorization server's keys, so
/// that scripts can try the API without signing in. It is mapped only in the Development environment (elsewhere the
/// route does not exist), and answers 403 if it ever runs outside it.
/// </summary>
public static class DevTokenEndpoints
{
    /// <param name="Role">patient, professional, app or operator.</param>
    /// <param name="Subject">An INS for a patient, an RPPS for a professional, an app id, an operator account.</param>
    /// <param name="Profession">For a professional: the TRE_G15 profession code (10 physician by default, 21 pharmacist, 60 nurse...).</param>
    public sealed record DevTokenRequest(string? Role, string? Subject, string? Profession = null);

    public sealed record DevTokenResponse(string AccessToken, string TokenType, int ExpiresIn);

    public static IEndpointRouteBuilder MapDevTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!SignIn.SignInSettings.DevelopmentEndpoints(routes.ServiceProvider))
        {
            return routes;
        }

        routes.MapPost("/dev/token", Mint)
            .WithTags("Development")
            .WithName("MintDevelopmentToken")
            .WithSummary("Mints a signed token (Development environment only).")
            .AllowAnonymous();
        return routes;
    }

    private static Ok<DevTokenResponse> Mint(DevTokenRequest request, IHostEnvironment environment, TokenIssuer issuer, TimeProvider clock)
    {
        if (!environment.IsDevelopment())
        {
            throw new AccessDeniedException("The development token endpoint is disabled outside the Development environment.");
        }

        var role = request.Role?.Trim().ToLowerInvariant();
        if (role is null || !MesRoles.All.Contains(role))
        {
            throw new InvalidInputException("role", $"must be one of: {string.Join(", ", MesRoles.All)}");
        }

        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            throw new InvalidInputException("subject", "is required (an INS for a patient, an RPPS for a professional, an app id, an operator account)");
        }

        var subject = role switch
        {
            MesRoles.Patient => Ins.Parse(request.Subject, "subject").Value,
            MesRoles.Professional when !ProfessionalIdentifiers.IsRpps(request.Subject.Trim()) => throw new InvalidInputException("subject", "an RPPS number has 11 digits"),
            _ => request.Subject.Trim(),
        };

        var profession = role == MesRoles.Professional ? request.Profession?.Trim() ?? "10" : null;
        if (profession is not null && !ProfessionalIdentifiers.IsProfession(profession))
        {
            throw new InvalidInputException("profession", "a TRE_G15 profession code: digits, such as 10 (physician) or 60 (nurse)");
        }

        var (token, expiresAt) = issuer.Issue(role, subject, profession: profession);
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", (int)(expiresAt - clock.GetUtcNow()).TotalSeconds));
    }

}
