using System.ComponentModel.DataAnnotations;

namespace MonEspaceSante.Api.Security;

/// <summary>Token validation settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The expected <c>iss</c> of tokens.</summary>
    [Required]
    public string Issuer { get; set; } = "mon-espace-sante";

    /// <summary>The expected <c>aud</c> of tokens.</summary>
    [Required]
    public string Audience { get; set; } = "mon-espace-sante-api";

    /// <summary>The HMAC-SHA256 key that signs tokens; at least 32 characters.</summary>
    [Required(ErrorMessage = "Auth:SigningKey is required (at least 32 characters): it signs and validates access tokens.")]
    [MinLength(32, ErrorMessage = "Auth:SigningKey must have at least 32 characters.")]
    public string SigningKey { get; set; } = "";

    /// <summary>Lifetime of development tokens, in minutes.</summary>
    [Range(1, 24 * 60)]
    public int DevTokenLifetimeMinutes { get; set; } = 60;
}
