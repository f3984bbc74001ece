using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Grains.Patients;

/// <summary>
/// What a facet knows of the space it belongs to, given by the person's grain: who the person is, the domain
/// clock, and the one access check (<see cref="SpacePolicy"/>, with the access-history line written before the
/// facet answers). Facets are not grains: the grain calls them one turn at a time.
/// </summary>
internal interface IPersonSpace
{
    Ins Person { get; }

    DateTimeOffset Now { get; }

    /// <summary>
    /// Admits <paramref name="accessor"/> to <paramref name="action"/> <paramref name="brick"/> or throws an
    /// <see cref="Interfaces.Errors.AccessDeniedException"/>; records the access (<paramref name="resource"/> says what,
    /// without health content) unless the accessor is the holder. <paramref name="scope"/>: the app scope for measurements.
    /// </summary>
    /// <remarks>With <paramref name="minorOnly"/>, the history line concerns a minor's confidential care: representatives do not see it.</remarks>
    Task<SpaceGrant> AuthorizeAsync(Accessor accessor, SpaceBrick brick, SpaceAction action, string resource, string? scope = null, bool minorOnly = false);

    /// <summary>
    /// Writes one line of the access history for an access a facet admitted itself (an operator, an app's readings);
    /// with <paramref name="eventKey"/>, once per event however often it is delivered.
    /// </summary>
    Task RecordAccessAsync(SpaceGrant grant, string action, string resource, string? eventKey = null);

    /// <summary>Whether the space is open now (a passed opposition deadline opens it first).</summary>
    Task<bool> IsOpenAsync();

    /// <summary>
    /// Puts a notice for the person in the outbox, once per <paramref name="key"/>; a notice never carries health data.
    /// <paramref name="privately"/>: by push to the person's own app only, never to the space's e-mail address (a minor's
    /// confidential care: that address may be a representative's).
    /// </summary>
    Task NotifyPersonAsync(string key, NoticeKind kind, bool privately = false);

    /// <summary>Tells the person's open screens (best effort: a failure is logged, never thrown).</summary>
    Task PublishLiveAsync<T>(string streamNamespace, T item);
}
