using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Api.Security;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// How every node checks the access tokens callers send: the JWT of this authorization server (type <c>at+jwt</c>,
/// its issuer, signed by one of its keys, unexpired), then its row in the token store (<see cref="TokenEntries"/>).
/// A token without a row (the development token endpoint's, tests') passes in Development only.
/// </summary>
/// <remarks>
/// ASP.NET Core's JWT bearer handler with the server's keys rather than OpenIddict's validation handler: on the
/// benchmark machine OpenIddict's pipeline cost 0.3 to 0.6 ms per request before any store lookup (the patient read path
/// fell from 7,000 to 2,000 requests/s), the bearer handler about 30 µs with RS256 (docs/benchmarks.md, "Sign-in").
/// </remarks>
public static class BearerTokens
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    public const string TokenIdClaim = "oi_tkn_id";

    private const string RevokedMessage = "The token was revoked, or its grant was.";

    public static AuthenticationBuilder AddMesBearer(this AuthenticationBuilder authentication, SignInSettings settings, SignInKeys keys, bool development)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(keys);
        return authentication.AddJwtBearer(Scheme, options =>
        {
            options.MapInboundClaims = false;
            options.IncludeErrorDetails = true;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                // Development may leave the issuer to the request's address (OpenIddict's default); elsewhere SafeStart requires it.
                ValidateIssuer = settings.Issuer is not null,
                ValidIssuer = settings.Issuer?.AbsoluteUri,
                ValidateAudience = false,
                IssuerSigningKeys = keys.Signing,
                ValidTypes = ["at+jwt"],
                ClockSkew = TimeSpan.Zero,
                NameClaimType = Caller.SubjectClaim,
                RoleClaimType = Caller.RoleClaim,
            };
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context => CheckEntryAsync(context, development),
                OnChallenge = context =>
                {
                    if (context.AuthenticateFailure is RevokedTokenException revoked && string.IsNullOrEmpty(context.ErrorDescription))
                    {
                        context.ErrorDescription = revoked.Message;
                    }

                    return Task.CompletedTask;
                },
            };
        });
    }

    private static async Task CheckEntryAsync(TokenValidatedContext context, bool development)
    {
        // OpenIddict writes the token's row id in a private claim (its jti is a fresh random value).
        var id = context.Principal?.FindFirst(TokenIdClaim)?.Value;
        if (string.IsNullOrEmpty(id))
        {
            if (!development)
            {
                context.Fail(new RevokedTokenException("The token has no entry at this server."));
            }

            return;
        }

        var entries = context.HttpContext.RequestServices.GetRequiredService<TokenEntries>();
        if (!await entries.IsValidAsync(id))
        {
            context.Fail(new RevokedTokenException(RevokedMessage));
        }
    }

    /// <summary>A well-signed token the store no longer holds valid.</summary>
    private sealed class RevokedTokenException(string message) : SecurityTokenException(message);
}
