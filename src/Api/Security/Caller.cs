using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Security;

/// <summary>
/// Who is calling, read from the validated token: role, subject, a professional's profession (TRE_G15
/// code, claim <c>profession</c>), and the access mode a professional invokes with the
/// <c>X-Access-Mode</c> header (<c>emergency</c> or <c>break-glass</c>). An app's token from a pairing names the
/// app in <c>client_id</c>, the person it is bound to in <c>patient</c>, and what it was granted in its scopes.
/// </summary>
public sealed record Caller(
    string Role, string Subject, string? Profession = null, AccessMode Mode = AccessMode.Standard, string? Patient = null, IReadOnlyList<string>? Scopes = null,
    bool DeclaresCare = false)
{
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";
    public const string ProfessionClaim = "profession";
    public const string ClientIdClaim = "client_id";
    public const string PatientClaim = "patient";
    public const string AccessModeHeader = "X-Access-Mode";

    /// <summary>
    /// The header a professional's software sends, with <see cref="CareDeclared"/>, to state that the person agreed to
    /// their care: the first access to a person needs it (and again once the relationship lapses).
    /// </summary>
    public const string CareRelationshipHeader = "X-Care-Relationship";

    public const string CareDeclared = "patient-agreed";

    /// <summary>The header a legal representative sends to act in the space of the minor it names (an INS).</summary>
    public const string ActForHeader = "X-Act-For";

    public bool IsPatient => Role == MesRoles.Patient;

    /// <summary>The caller's own INS; only for patient tokens (a malformed subject is a 400 naming <c>sub</c>).</summary>
    public Ins PatientIns => IsPatient
        ? Ins.Parse(Subject, "token.sub")
        : throw new AccessDeniedException("Only the holder of a space may use this endpoint.");

    /// <summary>The caller as the grains see it when checking access and writing the access history; <paramref name="how"/> says through which API.</summary>
    public Accessor AsAccessor(string how) => new(Role switch
    {
        MesRoles.Patient => AccessorRole.Patient,
        MesRoles.Professional => AccessorRole.Professional,
        MesRoles.App => AccessorRole.App,
        MesRoles.Operator => AccessorRole.Operator,
        _ => throw new AccessDeniedException("Unknown role."),
    }, IsPatient ? PatientIns.Value : Subject, how, Profession, Mode, Patient, Scopes, DeclaresCare);

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = user.FindFirstValue(RoleClaim);
        var isApp = role == MesRoles.App;
        var subject = isApp ? user.FindFirstValue(ClientIdClaim) ?? user.FindFirstValue(SubjectClaim) : user.FindFirstValue(SubjectClaim);
        if (role is null || subject is null)
        {
            throw new AccessDeniedException("The token carries no role or subject.");
        }

        var patient = isApp ? user.FindFirstValue(PatientClaim) : null;
        return new Caller(role, subject, role == MesRoles.Professional ? user.FindFirstValue(ProfessionClaim) : null,
            Patient: patient, Scopes: patient is null ? null : SignIn.SmartScopes.ToConsentScopes(TokenScopes(user)));
    }

    /// <summary>The scopes a token was issued with (OpenIddict's <c>oi_scp</c> claims, or the space-separated <c>scope</c> claim).</summary>
    public static IReadOnlyList<string> TokenScopes(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scopes = user.FindAll("oi_scp").Select(c => c.Value).ToList();
        return scopes.Count > 0 ? scopes : (user.FindFirstValue("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The caller of <paramref name="http"/>, with the access mode it invokes (a 400 for an unknown mode).</summary>
    public static Caller From(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = From(http.User);
        caller = http.Request.Headers[CareRelationshipHeader].FirstOrDefault() switch
        {
            null or "" => caller,
            CareDeclared when caller.Role == MesRoles.Professional => caller with { DeclaresCare = true },
            CareDeclared => throw new InvalidInputException(CareRelationshipHeader, "only a professional declares a care relationship"),
            _ => throw new InvalidInputException(CareRelationshipHeader, $"'{CareDeclared}', once the person agreed to your care"),
        };
        return http.Request.Headers[AccessModeHeader].FirstOrDefault() switch
        {
            null or "" or "standard" => caller,
            "emergency" => caller with { Mode = AccessMode.Emergency },
            "break-glass" => caller with { Mode = AccessMode.BreakGlass },
            _ => throw new InvalidInputException(AccessModeHeader, "one of: standard, emergency, break-glass"),
        };
    }

    /// <summary>
    /// The space a patient-side JSON call is about: the caller's own, or, with <see cref="ActForHeader"/>,
    /// the minor's they represent (the grain checks that they do).
    /// </summary>
    public static (Ins Space, Accessor Accessor) MySpace(HttpContext http, string how = "api")
    {
        var caller = From(http);
        var accessor = caller.AsAccessor(how);
        return http.Request.Headers[ActForHeader].FirstOrDefault() is { Length: > 0 } minor
            ? (Ins.Parse(minor, ActForHeader), caller.IsPatient ? accessor : throw new AccessDeniedException("Only a legal representative (patient token) acts for a minor."))
            : (caller.PatientIns, accessor);
    }

    /// <summary>
    /// The caller's own space, for what only the holder does (opening, opposing, closing, connecting apps): an
    /// <see cref="ActForHeader"/> there is refused rather than ignored, so nobody acts on their own space by mistake.
    /// </summary>
    public static Ins OwnSpace(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Headers[ActForHeader].Count > 0)
        {
            throw new AccessDeniedException($"Only the holder does this, in their own space: {ActForHeader} is not accepted here.");
        }

        return From(http).PatientIns;
    }
}
