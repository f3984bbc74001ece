using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MonEspaceSante.Api.SignIn;

namespace MonEspaceSante.Api.Security;

/// <summary>
/// Mints access tokens without a sign-in, with the authorization server's own signing key: the development token
/// endpoint (Development only), tests and benchmarks. They validate like the server's tokens; having no row in the
/// token store, they cannot be revoked, only expire. An operator's carries every capability scope.
/// </summary>
public sealed class TokenIssuer(SignInKeys keys, IOptions<SignInSettings> settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>A token for <paramref name="role"/> and <paramref name="subject"/>, issued now or at <paramref name="issuedAt"/> (tests of expired tokens), valid for <paramref name="lifetime"/> (an hour).</summary>
    public (string Token, DateTimeOffset ExpiresAt) Issue(string role, string subject, TimeSpan? lifetime = null, string? profession = null, DateTimeOffset? issuedAt = null)
    {
        var issuer = settings.Value.Issuer ?? throw new InvalidOperationException($"{SignInSettings.Section}:Issuer is required to mint tokens.");
        var issued = issuedAt ?? clock.GetUtcNow();
        var expires = issued + (lifetime ?? TimeSpan.FromHours(1));
        var claims = new List<Claim> { new(Caller.SubjectClaim, subject), new(Caller.RoleClaim, role) };
        if (profession is not null)
        {
            claims.Add(new Claim(Caller.ProfessionClaim, profession));
        }

        if (role == MesRoles.Operator)
        {
            claims.Add(new Claim("scope", string.Join(' ', OperatorScopes.All)));
        }

        var key = keys.Signing[0];
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer.AbsoluteUri,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key, key is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256),
        });
        return (token, expires);
    }
}
