using Microsoft.Extensions.Logging;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Enrollment;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// The one access check of the space, as every facet gets it (<see cref="IPersonSpace"/>): the decision is
/// <see cref="SpacePolicy"/>'s, and every access by anyone other than the holder is written to the access history
/// before the facet answers.
/// </summary>
internal sealed partial class PatientGrain : IPersonSpace
{
    public DateTimeOffset Now => services.Clock.GetUtcNow();

    Task<SpaceGrant> IPersonSpace.AuthorizeAsync(Accessor accessor, SpaceBrick brick, SpaceAction action, string resource, string? scope, bool minorOnly) =>
        AuthorizeAsync(accessor, brick, action, resource, scope, minorOnly);

    Task IPersonSpace.RecordAccessAsync(SpaceGrant grant, string action, string resource, string? eventKey) => RecordAccessAsync(grant, action, resource, eventKey);

    Task<bool> IPersonSpace.IsOpenAsync() => enrollment.IsOpenAsync();

    Task IPersonSpace.NotifyPersonAsync(string key, NoticeKind kind, bool privately) => NotifyAsync(key, kind, privately);

    async Task IPersonSpace.PublishLiveAsync<T>(string streamNamespace, T item)
    {
        try
        {
            await this.GetStreamProvider(Interfaces.Streams.StreamNames.Live).GetStream<T>(StreamId.Create(streamNamespace, this.GetPrimaryKeyString())).OnNextAsync(item);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogLiveFailed(logger, streamNamespace, exception);
        }
    }

    private async Task<SpaceGrant> AuthorizeAsync(Accessor accessor, SpaceBrick brick, SpaceAction action, string resource, string? scope = null, bool minorOnly = false)
    {
        ArgumentNullException.ThrowIfNull(accessor);

        // Every decision reads the controls and the consents (apps); a wave event needs neither.
        await controls.LoadAsync();
        await consents.LoadAsync();
        var open = await enrollment.IsOpenAsync();
        var grant = SpacePolicy.Admit(new SpaceRequest(
            accessor, Person, brick, action, open, controls.State, services.Matrix, s => consents.Holds(accessor.Id, s, open), Now, scope));
        if (grant.DeclaresCare)
        {
            // Kept before the access it allows; the access's own history line says that it declared it.
            await controls.DeclareCareAsync(accessor.Id, Now);
        }

        if (!grant.IsHolder)
        {
            await RecordAccessAsync(grant, action == SpaceAction.Read ? "read" : "write", resource, minorOnly: minorOnly);
        }

        return grant;
    }

    /// <summary>Writes one line of the access history; urgent access is flagged in it and announced to the person.</summary>
    private async Task RecordAccessAsync(SpaceGrant grant, string action, string resource, string? eventKey = null, bool minorOnly = false)
    {
        var accessor = grant.Accessor;
        var how = accessor.Mode switch
        {
            AccessMode.BreakGlass => $"{accessor.How}, break-glass",
            AccessMode.Emergency => $"{accessor.How}, emergency",
            _ when grant.Viewer == SpaceViewer.Representative => $"{accessor.How}, legal representative",
            _ when grant.DeclaresCare => $"{accessor.How}, care relationship declared",
            _ => accessor.How,
        };
        await services.History.RecordAsync(Person.Value, accessor with { How = how }, action, resource, eventKey, minorOnly);
        if (accessor.Mode != AccessMode.Standard)
        {
            // One notice a day per professional and mode: the person learns that someone used urgent access, nothing more.
            await NotifyAsync($"urgent:{Person.Value}:{accessor.Id}:{accessor.Mode}:{Now:yyyy-MM-dd}", NoticeKind.UrgentAccess);
        }
    }

    /// <summary>A notice to the person, addressed as their contact facet says (none when they turned its kind off); never health content.</summary>
    private async Task NotifyAsync(string key, NoticeKind kind, bool privately = false)
    {
        if (await contact.NoticeAsync(key, kind, privately) is { } notice)
        {
            await services.Effects.RecordNoticeAsync(notice);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed {Feed} unavailable")]
    private static partial void LogLiveFailed(ILogger logger, string feed, Exception exception);
}
