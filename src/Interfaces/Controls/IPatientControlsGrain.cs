using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Interfaces.Controls;

/// <summary>
/// The controls facet of a person's grain (same key as <see cref="Patients.IPatientGrain"/>): blocked
/// professionals, refusal of emergency and break-glass access, and the legal representatives of a minor.
/// Every other facet checks access against it.
/// </summary>
[Alias("mes.IPatientControlsGrain")]
public interface IPatientControlsGrain : IGrainWithStringKey
{
    /// <summary>The controls, for the holder or a legal representative.</summary>
    [Alias("GetControls")]
    Task<SpaceControls> GetControlsAsync(Accessor accessor);

    /// <summary>Blocks (or unblocks) a professional by RPPS number: from the next request they see and write nothing.</summary>
    [Alias("SetBlocked")]
    Task<SpaceControls> SetBlockedAsync(Accessor accessor, string rpps, bool blocked);

    /// <summary>Ends a professional's care relationship: their next access needs it declared again.</summary>
    [Alias("EndCareRelationship")]
    Task<SpaceControls> EndCareRelationshipAsync(Accessor accessor, string rpps);

    /// <summary>Allows or refuses emergency access by regulation centres.</summary>
    [Alias("SetEmergencyAccess")]
    Task<SpaceControls> SetEmergencyAccessAsync(Accessor accessor, bool allowed);

    /// <summary>Allows or refuses break-glass access.</summary>
    [Alias("SetBreakGlass")]
    Task<SpaceControls> SetBreakGlassAsync(Accessor accessor, bool allowed);

    /// <summary>
    /// An operator records (or removes) a legal representative of a minor; it holds while the person is under 18. Adding
    /// one needs <paramref name="reference"/>, the id of the court decision or civil-status record that makes them one,
    /// written in the history with the operator's id, and the person's <paramref name="birthDate"/> as that record gives
    /// it (once, then kept: it tells a child born in 2020 from a person born in 1920, whose INS look alike). Answers how
    /// many representatives the minor has now, nothing else.
    /// </summary>
    [Alias("SetRepresentative")]
    Task<int> SetRepresentativeAsync(Accessor accessor, Ins representative, bool present, string? reference, DateOnly? birthDate);

    /// <summary>
    /// The minor's space tells its representative's: this person now represents <paramref name="minor"/>, or no longer
    /// does. The operator who recorded it is the caller; idempotent, so that a retry of the recording repairs it.
    /// </summary>
    [Alias("SetRepresented")]
    Task SetRepresentedAsync(Accessor accessor, Ins minor, bool present);

    /// <summary>The minors the holder represents (their INS), for the holder only.</summary>
    [Alias("GetRepresented")]
    Task<IReadOnlyList<string>> GetRepresentedAsync(Accessor holder);
}
