namespace MonEspaceSante.Api.Security;

/// <summary>The four kinds of callers, carried in the token's <c>role</c> claim.</summary>
public static class MesRoles
{
    /// <summary>The holder of a space; the token subject is their INS.</summary>
    public const string Patient = "patient";

    /// <summary>A health professional; the token subject is their RPPS number.</summary>
    public const string Professional = "professional";

    /// <summary>A state-referenced app; the token subject is its catalogue id.</summary>
    public const string App = "app";

    /// <summary>A national enrollment or support operator; the subject is the operator's account.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Patient, Professional, App, Operator,
    };
}
