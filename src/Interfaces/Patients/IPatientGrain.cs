namespace MonEspaceSante.Interfaces.Patients;

/// <summary>
/// One insured person's space. The key is the normalised INS (<see cref="Identity.Ins.Value"/>);
/// obtain it with <see cref="PatientGrainExtensions.GetPatient"/>. All changes to a person happen in
/// this grain, one turn at a time.
/// </summary>
[Alias("mes.IPatientGrain")]
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>The space and its enrollment state, resolving a passed deadline first; for the holder only, as every call of the space's own lifecycle.</summary>
    [Alias("GetSpace")]
    Task<SpaceView> GetSpaceAsync(Access.Accessor holder);

    /// <summary>Records a wave's notice; idempotent for the same wave, and harmless for a person already decided.</summary>
    [Alias("Notify")]
    Task<NotifyOutcome> NotifyAsync(EnrollmentNotice notice);

    /// <summary>Opens the space at the person's request (at any time, even after opposing; reopens a closed space).</summary>
    [Alias("Activate")]
    Task<SpaceView> ActivateAsync(Access.Accessor holder);

    /// <summary>Records an opposition; refused once the deadline has passed (the space is open then).</summary>
    [Alias("Oppose")]
    Task<SpaceView> OpposeAsync(Access.Accessor holder);

    /// <summary>
    /// An operator records the person's opposition received by phone or post: the operator's id is kept with it, and the
    /// person's access history says who recorded it.
    /// </summary>
    [Alias("OpposeOnBehalf")]
    Task<SpaceView> OpposeOnBehalfAsync(Access.Accessor accessor);

    /// <summary>Closes an open space; its data is archived for 10 years.</summary>
    [Alias("Close")]
    Task<SpaceView> CloseAsync(Access.Accessor holder);

    /// <summary>
    /// The holder asks for their space to be erased before the archive period ends (an open space is closed first): it is
    /// erased a month later, and reopening the space or <see cref="WithdrawErasureAsync"/> takes the request back.
    /// </summary>
    [Alias("RequestErasure")]
    Task<SpaceView> RequestErasureAsync(Access.Accessor holder);

    /// <summary>Takes a request for early erasure back: the closed space is erased at the archive period's end again.</summary>
    [Alias("WithdrawErasure")]
    Task<SpaceView> WithdrawErasureAsync(Access.Accessor holder);

    /// <summary>For the erasure job: when this space is due for erasure (null when it is not closed); due now, the activation ends.</summary>
    [Alias("ErasureDue")]
    Task<DateTimeOffset?> ErasureDueAsync();

    /// <summary>
    /// The access history, newest first, for the holder or a legal representative (whose own reading of it is
    /// recorded); <paramref name="before"/> continues a page.
    /// </summary>
    [Alias("GetAccessHistory")]
    Task<Access.AccessHistoryPage> GetAccessHistoryAsync(Access.Accessor accessor, long? before, int limit);

    /// <summary>
    /// Admits <paramref name="accessor"/> to export the whole space (the holder or a legal representative), records it,
    /// and returns where the space stands; the export then reads each facet with the same accessor.
    /// </summary>
    [Alias("BeginExport")]
    Task<SpaceView> BeginExportAsync(Access.Accessor accessor);
}
