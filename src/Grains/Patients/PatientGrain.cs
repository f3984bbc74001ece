using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using MonEspaceSante.Grains.Access;
using MonEspaceSante.Grains.Catalogue;
using MonEspaceSante.Grains.Documents;
using MonEspaceSante.Grains.Inbox;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Measurements;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// One person's space. Each facet is its own persisted state so that a change in one does not
/// rewrite the others; the profile facet holds the enrollment lifecycle (this file and
/// PatientGrain.Enrollment.cs), the other facets live in their own partial files.
/// </summary>
[GrainType("patient")]
internal sealed partial class PatientGrain(
    [PersistentState(StorageNames.PatientProfile, StorageNames.Patients)] IPersistentState<PatientProfileState> profile,
    [FromKeyedServices(StorageNames.Patients)] IGrainStorage patientStorage,
    IGrainContext context,
    IOptions<ProfessionMatrixOptions> matrix,
    DocumentContentStore documentContents,
    InboxMessageStore inboxMessages,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    EnrollmentEffects effects,
    MeasurementStore measurementStore,
    AccessHistory accessHistory,
    WithdrawnApps withdrawnApps,
    ILogger<PatientGrain> logger) : Grain, IPatientGrain
{
    // Only the profile is read at activation; the other facets are read when a call needs them (see
    // LazyFacetState and LoadFacetsAsync): a wave event needs none of them.
    private readonly LazyFacetState<ConsentsState> consents = new(patientStorage, StorageNames.PatientConsents, context.GrainId);
    private readonly LazyFacetState<ControlsState> controls = new(patientStorage, StorageNames.PatientControls, context.GrainId);
    private readonly LazyFacetState<DocumentsState> documents = new(patientStorage, StorageNames.PatientDocuments, context.GrainId);
    private readonly LazyFacetState<AgendaState> agenda = new(patientStorage, StorageNames.PatientAgenda, context.GrainId);
    private readonly LazyFacetState<InboxState> inbox = new(patientStorage, StorageNames.PatientInbox, context.GrainId);

    private DateTimeOffset Now => clock.GetUtcNow();

    private string Ins => PatientKey.ToIns(this.GetPrimaryKeyString()).Value;

    async Task<SpaceView> IPatientGrain.GetSpaceAsync()
    {
        await ChangeAsync(state => EnrollmentLifecycle.ResolveDeadline(state, Now));
        return EnrollmentLifecycle.Describe(profile.State, Now);
    }

    async Task<NotifyOutcome> IPatientGrain.NotifyAsync(EnrollmentNotice notice)
    {
        var outcome = NotifyOutcome.Notified;
        await ChangeAsync(state =>
        {
            (var changed, outcome) = EnrollmentLifecycle.Notify(state, notice, Now);
            return changed;
        });
        return outcome;
    }

    async Task<SpaceView> IPatientGrain.ActivateAsync()
    {
        await ChangeAsync(state => EnrollmentLifecycle.Activate(state, Now));
        return EnrollmentLifecycle.Describe(profile.State, Now);
    }

    async Task<SpaceView> IPatientGrain.OpposeAsync(OppositionSource source)
    {
        await ChangeAsync(state => EnrollmentLifecycle.Oppose(state, source, Now));
        return EnrollmentLifecycle.Describe(profile.State, Now);
    }

    async Task<SpaceView> IPatientGrain.CloseAsync()
    {
        await ChangeAsync(state => EnrollmentLifecycle.Close(state, Now));
        return EnrollmentLifecycle.Describe(profile.State, Now);
    }

    /// <summary>
    /// Every change of the profile made by a call goes through here: the notices it owes are recorded
    /// first, idempotently, then the state is written, then the outcome on the wave's member row. A
    /// crash in between replays the notices, never loses them (a call is not replayed, so its notices
    /// cannot wait for the state, unlike a stream event's: see OnNextAsync).
    /// </summary>
    private async Task ChangeAsync(Func<PatientProfileState, bool> change)
    {
        var before = Snapshot.Of(profile.State);
        var changed = change(profile.State);
        await effects.RecordAsync(WaveNoticesOwed(before, force: false), null);
        if (changed)
        {
            await WriteProfileAsync();
        }

        await effects.RecordAsync([], WaveOutcomeOwed(before, force: false));
    }

    async Task<AccessHistoryPage> IPatientGrain.GetAccessHistoryAsync(Accessor accessor, long? before, int limit)
    {
        if (limit is < 1 or > 1000)
        {
            throw new MonEspaceSante.Interfaces.Errors.InvalidInputException("limit", "must be between 1 and 1000");
        }

        await AuthorizeAsync(accessor, SpaceBrick.AccessHistory, SpaceAction.Read, "access history");
        return await accessHistory.ReadAsync(Ins, before, limit);
    }

    async Task<SpaceView> IPatientGrain.BeginExportAsync(Accessor accessor)
    {
        await AuthorizeAsync(accessor, SpaceBrick.Export, SpaceAction.Read, "export of the whole space");
        return EnrollmentLifecycle.Describe(profile.State, Now);
    }

    private async Task WriteProfileAsync()
    {
        try
        {
            await profile.WriteStateAsync();
        }
        catch
        {
            // The in-memory state is ahead of storage now: drop the activation so the next call re-reads.
            DeactivateOnIdle();
            throw;
        }
    }
}
