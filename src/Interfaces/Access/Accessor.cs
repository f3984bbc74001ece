namespace MonEspaceSante.Interfaces.Access;

/// <summary>
/// Who is calling, as authenticated: the role of the token and its subject (INS, RPPS, app id, operator id),
/// through which API (<see cref="How"/>), and for professionals their profession (TRE_G15 code, e.g. 10
/// for a physician) and whether they invoke emergency or break-glass access. An app's token from a pairing is
/// bound to one person (<see cref="Patient"/>) and narrowed to the consent scopes it was granted (<see cref="Scopes"/>).
/// A professional's software sets <see cref="DeclaresCare"/> when it states that the person agreed to their care.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.Accessor")]
public sealed record Accessor(
    [property: Id(0)] AccessorRole Role,
    [property: Id(1)] string Id,
    [property: Id(2)] string How,
    [property: Id(3)] string? Profession = null,
    [property: Id(4)] AccessMode Mode = AccessMode.Standard,
    [property: Id(5)] string? Patient = null,
    [property: Id(6)] IReadOnlyList<string>? Scopes = null,
    [property: Id(7)] bool DeclaresCare = false)
{
    /// <summary>Whether the token lets the accessor use <paramref name="scope"/>; a token without scopes (no pairing) is not narrowed.</summary>
    public bool TokenAllows(string scope) => Scopes is null || Scopes.Contains(scope, StringComparer.Ordinal);

    /// <summary>Whether the token may reach <paramref name="person"/>'s space: a token bound to a person reaches that one only.</summary>
    public bool MayReach(Identity.Ins person) => Patient is null || string.Equals(Patient, person.Value, StringComparison.Ordinal);

    /// <summary>Log-safe: a patient's id is an INS and is left out.</summary>
    public override string ToString() => Role == AccessorRole.Patient ? $"{Role}" : $"{Role}:{Id}";
}

/// <summary>The roles of the system's callers.</summary>
public enum AccessorRole
{
    Patient = 0,
    Professional = 1,
    App = 2,
    Operator = 3,
}
