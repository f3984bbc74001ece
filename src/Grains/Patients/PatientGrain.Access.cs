using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// Access to every brick goes through <see cref="AuthorizeAsync"/>: the decision is
/// <see cref="SpacePolicy"/>'s, and every access by anyone other than the holder is written to the
/// access history before the brick answers.
/// </summary>
internal sealed partial class PatientGrain
{
    /// <summary>
    /// Admits <paramref name="accessor"/> to <paramref name="action"/> <paramref name="brick"/> or throws
    /// <see cref="AccessDeniedException"/>; records the access (<paramref name="resource"/> says what, without
    /// health content) unless the accessor is the holder. <paramref name="scope"/> is the app scope for measurements.
    /// </summary>
    private async Task<SpaceGrant> AuthorizeAsync(Accessor accessor, SpaceBrick brick, SpaceAction action, string resource, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        await LoadFacetsAsync(brick);
        await ChangeAsync(state => EnrollmentLifecycle.ResolveDeadline(state, Now));
        var open = profile.State.Status == EnrollmentStatus.Active;
        var grant = SpacePolicy.Decide(new SpaceRequest(
            accessor, PatientKey.ToIns(this.GetPrimaryKeyString()), brick, action, open, controls.State, matrix.Value,
            s => s == SpacePolicy.AnyScope ? IsConnected(accessor.Id) : Allows(accessor.Id, s), Now, scope));
        if (action == SpaceAction.Write && !open && brick is SpaceBrick.Documents or SpaceBrick.Agenda or SpaceBrick.Inbox)
        {
            throw new StateConflictException("The space is not open: open it first (POST /api/v1/me/activation).");
        }

        if (!grant.IsHolder)
        {
            await RecordAccessAsync(grant, action == SpaceAction.Read ? "read" : "write", resource);
        }

        return grant;
    }

    /// <summary>Reads the controls and the facet states <paramref name="brick"/> needs, once per activation (the export needs them all).</summary>
    private async Task LoadFacetsAsync(SpaceBrick brick)
    {
        // Every decision reads the controls and the consents (apps); a wave event needs none of these.
        await controls.LoadAsync();
        await consents.LoadAsync();
        if (brick is SpaceBrick.Documents or SpaceBrick.Export)
        {
            await documents.LoadAsync();
        }

        if (brick is SpaceBrick.Agenda or SpaceBrick.Export)
        {
            await agenda.LoadAsync();
        }

        if (brick is SpaceBrick.Inbox or SpaceBrick.Export)
        {
            await inbox.LoadAsync();
        }
    }

    /// <summary>Writes one line of the access history; urgent access is flagged in it and announced to the person.</summary>
    private async Task RecordAccessAsync(SpaceGrant grant, string action, string resource)
    {
        var accessor = grant.Accessor;
        var how = accessor.Mode switch
        {
            AccessMode.BreakGlass => $"{accessor.How}, break-glass",
            AccessMode.Emergency => $"{accessor.How}, emergency",
            _ when grant.Viewer == SpaceViewer.Representative => $"{accessor.How}, legal representative",
            _ => accessor.How,
        };
        await accessHistory.RecordAsync(Ins, accessor with { How = how }, action, resource);
        if (accessor.Mode != AccessMode.Standard)
        {
            // One notice a day per professional and mode: the person learns that someone used urgent access, nothing more.
            await effects.RecordNoticeAsync(new OutboxNotice(
                $"urgent:{Ins}:{accessor.Id}:{accessor.Mode}:{Now:yyyy-MM-dd}", NoticeKind.UrgentAccess,
                profile.State.Email is null ? NoticeChannel.Push : NoticeChannel.Email, profile.State.Email, null, null, null));
        }
    }
}
