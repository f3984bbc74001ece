using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The callers facet tests use, as the API would authenticate them.</summary>
internal static class Callers
{
    public static Accessor Holder(Ins person) => new(AccessorRole.Patient, person.Value, "api");

    public static Accessor Physician(string rpps = "10001234567", AccessMode mode = AccessMode.Standard) => new(AccessorRole.Professional, rpps, "fhir", "10", mode, DeclaresCare: mode == AccessMode.Standard);

    public static Accessor Nurse(string rpps = "60001234567") => new(AccessorRole.Professional, rpps, "fhir", "60", DeclaresCare: true);

    /// <summary>A legal representative (a patient token) acting in a minor's space.</summary>
    public static Accessor Representative(Ins representative) => new(AccessorRole.Patient, representative.Value, "api");

    public static Accessor App(string appId) => new(AccessorRole.App, appId, "fhir");

    public static Accessor Operator(string id = "op-1") => new(AccessorRole.Operator, id, "api");
}
