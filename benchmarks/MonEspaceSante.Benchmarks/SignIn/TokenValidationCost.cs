using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MonEspaceSante.Benchmarks.SignIn;

/// <summary>
/// What it costs a node to check one access token's signature, the same claims signed three ways: HS256 (the shared key
/// of earlier versions), ES256 (P-256, which a deployment may configure) and RS256 (RSA-2048, what the server
/// generates and the tests use). One thread,
/// IdentityModel's handler, as the validation of every request does it.
/// </summary>
public static class TokenValidationCost
{
    public sealed record Result(string Algorithm, double MicrosecondsPerToken, double TokensPerSecond);

    public static async Task<IReadOnlyList<Result>> MeasureAsync(int tokens)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        var keys = new (string Name, SecurityKey Key, string Algorithm)[]
        {
            ("HS256 (shared secret, before)", new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256),
            ("ES256 (P-256)", new ECDsaSecurityKey(ec) { KeyId = "ec" }, SecurityAlgorithms.EcdsaSha256),
            ("RS256 (RSA 2048, default)", new RsaSecurityKey(rsa) { KeyId = "rsa" }, SecurityAlgorithms.RsaSha256),
        };
        var handler = new JsonWebTokenHandler();
        var results = new List<Result>();
        foreach (var (name, key, algorithm) in keys)
        {
            var token = handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "https://mes.example/",
                Expires = DateTime.UtcNow.AddHours(1),
                Subject = new ClaimsIdentity([new Claim("sub", "185027512345625"), new Claim("role", "patient"), new Claim("scope", "openid launch/patient")]),
                SigningCredentials = new SigningCredentials(key, algorithm),
            });
            var parameters = new TokenValidationParameters { ValidIssuer = "https://mes.example/", ValidateAudience = false, IssuerSigningKey = key };
            async Task ValidateAsync(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    if (!(await handler.ValidateTokenAsync(token, parameters)).IsValid)
                    {
                        throw new InvalidOperationException($"{name}: a valid token failed validation.");
                    }
                }
            }

            await ValidateAsync(500);
            var start = Stopwatch.GetTimestamp();
            await ValidateAsync(tokens);

            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            results.Add(new Result(name, seconds * 1e6 / tokens, tokens / seconds));
        }

        return results;
    }
}
