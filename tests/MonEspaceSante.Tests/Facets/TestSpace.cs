using Microsoft.Extensions.Time.Testing;
using MonEspaceSante.Grains.Controls;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Facets;

/// <summary>
/// The space a facet belongs to, for facet tests without a silo: the real access policy (<see cref="SpacePolicy.Admit"/>)
/// on controls and consents the test sets, with the history lines, notices and live events kept in lists.
/// </summary>
internal sealed class TestSpace(Ins person, FakeTimeProvider clock) : IPersonSpace
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public TestSpace(Ins person)
        : this(person, new FakeTimeProvider(Start))
    {
    }

    public FakeTimeProvider Clock => clock;

    public bool Open { get; set; } = true;

    public ControlsState Controls { get; } = new();

    public ProfessionMatrixOptions Matrix { get; } = new() { ProfessionMatrix = { ["10"] = ["*"], ["60"] = ["11"] } };

    /// <summary>Whether an app (first argument) holds a scope (second) of the person.</summary>
    public Func<string, string, bool> AppHolds { get; set; } = (_, _) => false;

    public List<(Accessor Accessor, string Action, string Resource)> History { get; } = [];

    public List<(string Key, NoticeKind Kind)> Notices { get; } = [];

    /// <summary>Keys of the notices sent privately (push to the person's own app only).</summary>
    public HashSet<string> PrivateNotices { get; } = new(StringComparer.Ordinal);

    /// <summary>Resources of the history lines marked for a minor alone.</summary>
    public List<string> MinorOnlyLines { get; } = [];

    public List<(string Feed, object Item)> Live { get; } = [];

    public Ins Person => person;

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<SpaceGrant> AuthorizeAsync(Accessor accessor, SpaceBrick brick, SpaceAction action, string resource, string? scope = null, bool minorOnly = false)
    {
        var grant = SpacePolicy.Admit(new SpaceRequest(accessor, person, brick, action, Open, Controls, Matrix, s => AppHolds(accessor.Id, s), Now, scope));
        if (!grant.IsHolder)
        {
            History.Add((accessor, action == SpaceAction.Read ? "read" : "write", resource));
            if (minorOnly)
            {
                MinorOnlyLines.Add(resource);
            }
        }

        return Task.FromResult(grant);
    }

    public Task RecordAccessAsync(SpaceGrant grant, string action, string resource, string? eventKey = null)
    {
        // As the history table: one line per event key.
        if (eventKey is not null && !eventKeys.Add(eventKey))
        {
            return Task.CompletedTask;
        }

        History.Add((grant.Accessor, action, resource));
        return Task.CompletedTask;
    }

    private readonly HashSet<string> eventKeys = new(StringComparer.Ordinal);

    public Task<bool> IsOpenAsync() => Task.FromResult(Open);

    public Task NotifyPersonAsync(string key, NoticeKind kind, bool privately = false)
    {
        if (!Notices.Exists(n => n.Key == key))
        {
            Notices.Add((key, kind));
            if (privately)
            {
                PrivateNotices.Add(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task PublishLiveAsync<T>(string streamNamespace, T item)
    {
        Live.Add((streamNamespace, item!));
        return Task.CompletedTask;
    }
}
