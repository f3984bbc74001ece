using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Grains.Patients.Access;

/// <summary>
/// The one place that decides who may read or write which brick of a space (DESIGN §5, controls).
/// Pure: the grain gives it the person's controls and consents and records what it admits.
/// </summary>
public static class SpacePolicy
{
    /// <summary>Asked of <see cref="SpaceRequest.AppHolds"/>: whether the app holds any live consent of the person.</summary>
    public const string AnyScope = "*";

    /// <summary>
    /// <see cref="Decide"/>, then a write to the documents, agenda, inbox or medical profile of a space that is not open is a
    /// <see cref="StateConflictException"/> (409: open it first), whoever writes.
    /// </summary>
    public static SpaceGrant Admit(SpaceRequest request)
    {
        var grant = Decide(request);
        if (request.Action == SpaceAction.Write && !request.Open && request.Brick is SpaceBrick.Documents or SpaceBrick.Agenda or SpaceBrick.Inbox or SpaceBrick.MedicalProfile)
        {
            throw new StateConflictException("The space is not open: open it first (POST /api/v1/me/activation).");
        }

        return grant;
    }

    /// <summary>What the request's accessor may do to its brick, or an <see cref="AccessDeniedException"/> saying why not.</summary>
    public static SpaceGrant Decide(SpaceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accessor = request.Accessor;
        if (!accessor.MayReach(request.Holder))
        {
            throw new AccessDeniedException("This token is bound to another person's space.");
        }

        if (accessor.Mode != AccessMode.Standard && accessor.Role != AccessorRole.Professional)
        {
            throw new AccessDeniedException("Emergency and break-glass access are for professionals.");
        }

        return accessor.Role switch
        {
            AccessorRole.Patient when accessor.Id == request.Holder.Value => new SpaceGrant(accessor, SpaceViewer.Holder, null),
            AccessorRole.Patient when request.Controls.LegalRepresentatives.Contains(accessor.Id) => Representative(request),
            AccessorRole.Patient => throw new AccessDeniedException("A patient reaches only their own space, or a minor's they represent."),
            AccessorRole.Operator when request.Brick == SpaceBrick.Documents && request.Action == SpaceAction.Write => new SpaceGrant(accessor, SpaceViewer.Operator, null),
            AccessorRole.Operator => throw new AccessDeniedException("Operators deposit insurer documents; they read no health data."),
            AccessorRole.App => App(request),
            AccessorRole.Professional => Professional(request),
            _ => throw new AccessDeniedException("Unknown role."),
        };
    }

    private static SpaceGrant Representative(SpaceRequest request)
    {
        if (!IsMinor(request.Holder, request.Now, request.Controls.BirthDate))
        {
            throw new AccessDeniedException("This person is of age: their legal representatives no longer act for them.");
        }

        return new SpaceGrant(request.Accessor, SpaceViewer.Representative, null);
    }

    private static SpaceGrant App(SpaceRequest request)
    {
        var scope = (request.Brick, request.Action) switch
        {
            (SpaceBrick.Documents, SpaceAction.Read) => Scopes.ReadDocuments,
            (SpaceBrick.Documents, SpaceAction.Write) => Scopes.WriteDocuments,
            (SpaceBrick.Agenda, SpaceAction.Write) => Scopes.WriteAgenda,
            (SpaceBrick.Measurements or SpaceBrick.MedicalProfile, _) => request.Scope,

            // An app connected to this person reads the consent it was given (the facet filters to its own).
            (SpaceBrick.Consents, SpaceAction.Read) => AnyScope,
            _ => null,
        };
        if (scope is null)
        {
            throw new AccessDeniedException($"Apps have no access to {Describe(request)}.");
        }

        if (!request.Open)
        {
            throw new AccessDeniedException("This person has no open space.");
        }

        if (!request.AppHolds(scope) || (scope != AnyScope && !request.Accessor.TokenAllows(scope)))
        {
            throw new AccessDeniedException(scope == AnyScope
                ? $"App '{request.Accessor.Id}' holds no live consent of this person."
                : $"No live consent of this person lets app '{request.Accessor.Id}' use scope {scope}.");
        }

        return new SpaceGrant(request.Accessor, SpaceViewer.App, null);
    }

    /// <summary>
    /// What a professional hears whenever the person's own settings or the space's state refuse them (no space, not
    /// open, blocked, urgent access refused): one text, so that walking INS numbers tells nothing of who has a space,
    /// and nobody learns that a person blocked them.
    /// </summary>
    public const string ProfessionalRefusal = "No space of this person is open to you. A first access needs the care relationship declared: "
        + "send X-Care-Relationship: patient-agreed once the person agreed.";

    private static SpaceGrant Professional(SpaceRequest request)
    {
        var accessor = request.Accessor;
        if (request.Brick is SpaceBrick.Controls or SpaceBrick.AccessHistory or SpaceBrick.Export
            || (request.Brick == SpaceBrick.Consents && request.Action == SpaceAction.Write))
        {
            throw new AccessDeniedException($"Professionals have no access to {Describe(request)}.");
        }

        if (!request.Open || request.Controls.BlockedProfessionals.Contains(accessor.Id))
        {
            throw new AccessDeniedException(ProfessionalRefusal);
        }

        return accessor.Mode switch
        {
            AccessMode.BreakGlass when request.Controls.BreakGlassRefused => throw new AccessDeniedException(ProfessionalRefusal),
            AccessMode.Emergency when request.Controls.EmergencyAccessRefused => throw new AccessDeniedException(ProfessionalRefusal),
            AccessMode.BreakGlass or AccessMode.Emergency => new SpaceGrant(accessor, SpaceViewer.Professional, null),
            _ when HasCareRelationship(request) => new SpaceGrant(accessor, SpaceViewer.Professional, request.Matrix.ClassesFor(accessor.Profession)),
            _ when accessor.DeclaresCare => new SpaceGrant(accessor, SpaceViewer.Professional, request.Matrix.ClassesFor(accessor.Profession), DeclaresCare: true),
            _ => throw new AccessDeniedException(ProfessionalRefusal),
        };
    }

    /// <summary>Whether the professional declared a care relationship with the person within the validity period.</summary>
    public static bool HasCareRelationship(SpaceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Controls.CareRelationships.TryGetValue(request.Accessor.Id, out var declared)
            && declared + request.Matrix.CareRelationshipValidity > request.Now;
    }

    /// <summary>
    /// Under 18 at <paramref name="now"/>: by <paramref name="birthDate"/> when a record gave it, else by the birth year
    /// and month the INS carries (an unknown month counts as January; two digits of the year, read as the latest
    /// century that is not in the future, so that a person born in 1920 counts as born in 2020 until a record says).
    /// </summary>
    public static bool IsMinor(Ins person, DateTimeOffset now, DateOnly? birthDate = null)
    {
        if (birthDate is { } born)
        {
            return born.AddYears(18) > DateOnly.FromDateTime(now.UtcDateTime);
        }

        var (yy, mm) = BirthDigits(person);
        var year = yy <= now.Year % 100 ? 2000 + yy : 1900 + yy;
        var guessed = new DateTime(year, mm is >= 1 and <= 12 ? mm : 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return guessed.AddYears(18) > now.UtcDateTime;
    }

    /// <summary>Whether <paramref name="birthDate"/> agrees with what the INS carries: the last two digits of the year, and the month when the INS gives one.</summary>
    public static bool AgreesWith(Ins person, DateOnly birthDate)
    {
        var (yy, mm) = BirthDigits(person);
        return birthDate.Year % 100 == yy && (mm is < 1 or > 12 || birthDate.Month == mm);
    }

    /// <summary>The two digits of the birth year and the birth month the INS carries (a month outside 1–12 means unknown).</summary>
    private static (int Year, int Month) BirthDigits(Ins person) => (
        int.Parse(person.Value.AsSpan(1, 2), provider: System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(person.Value.AsSpan(3, 2), provider: System.Globalization.CultureInfo.InvariantCulture));

    private static string Describe(SpaceRequest request) =>
        $"{request.Brick.ToString().ToLowerInvariant()} ({request.Action.ToString().ToLowerInvariant()})";
}
