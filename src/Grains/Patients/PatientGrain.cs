using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// One person's space. Each facet is its own persisted state so that a change in one does not
/// rewrite the others; the profile facet holds the enrollment lifecycle (this file), the other
/// facets live in their own partial files as they are built.
/// </summary>
[GrainType("patient")]
internal sealed partial class PatientGrain(
    [PersistentState(StorageNames.PatientProfile, StorageNames.Patients)] IPersistentState<PatientProfileState> profile,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IPatientGrain
{
    private DateTimeOffset Now => clock.GetUtcNow();

    async Task<SpaceView> IPatientGrain.GetSpaceAsync()
    {
        if (EnrollmentLifecycle.ResolveDeadline(profile.State, Now))
        {
            await WriteProfileAsync();
        }

        return EnrollmentLifecycle.Describe(profile.State, Now);
    }

    async Task<NotifyOutcome> IPatientGrain.NotifyAsync(EnrollmentNotice notice)
    {
        var (changed, outcome) = EnrollmentLifecycle.Notify(profile.State, notice, Now);
        if (changed)
        {
            await WriteProfileAsync();
        }

        return outcome;
    }

    Task<SpaceView> IPatientGrain.ActivateAsync() =>
        ChangeAsync(state => EnrollmentLifecycle.Activate(state, Now));

    Task<SpaceView> IPatientGrain.OpposeAsync(OppositionSource source) =>
        ChangeAsync(state => EnrollmentLifecycle.Oppose(state, source, Now));

    Task<SpaceView> IPatientGrain.CloseAsync() =>
        ChangeAsync(state => EnrollmentLifecycle.Close(state, Now));

    private async Task<SpaceView> ChangeAsync(Func<PatientProfileState, bool> change)
    {
        if (change(profile.State))
        {
            await WriteProfileAsync();
        }

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
