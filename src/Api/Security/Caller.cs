using System.Security.Claims;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Security;

/// <summary>Who is calling, read from the validated token.</summary>
public sealed record Caller(string Role, string Subject)
{
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

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
    }, IsPatient ? PatientIns.Value : Subject, how);

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = user.FindFirstValue(RoleClaim);
        var subject = user.FindFirstValue(SubjectClaim);
        if (role is null || subject is null)
        {
            throw new AccessDeniedException("The token carries no role or subject.");
        }

        return new Caller(role, subject);
    }
}
