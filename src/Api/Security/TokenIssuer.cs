using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MonEspaceSante.Api.Security;

/// <summary>Mints signed tokens: used by the development token endpoint, tests and benchmarks.</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(string role, string subject, TimeSpan? lifetime = null, string? profession = null)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(settings.DevTokenLifetimeMinutes));
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(profession is null
                ? [new Claim(Caller.SubjectClaim, subject), new Claim(Caller.RoleClaim, role)]
                : [new Claim(Caller.SubjectClaim, subject), new Claim(Caller.RoleClaim, role), new Claim(Caller.ProfessionClaim, profession)]),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
