using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Api.Me;

/// <summary>The caller's space as the JSON API shows it.</summary>
public sealed record SpaceResponse(
    string Ins,
    EnrollmentStatus Status,
    bool CanOppose,
    string? WaveId,
    NoticeChannel? NoticeChannel,
    DateTimeOffset? NotifiedAt,
    DateTimeOffset? OppositionDeadline,
    DateTimeOffset? OpposedAt,
    OppositionSource? OpposedBy,
    DateTimeOffset? ActivatedAt,
    ActivationMode? ActivationMode,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ArchivedUntil,
    DateTimeOffset? ErasureRequestedAt,
    DateTimeOffset? ErasureDueAt)
{
    public static SpaceResponse From(string ins, SpaceView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            ins,
            view.Status,
            view.CanOppose,
            view.Notice?.WaveId,
            view.Notice?.Channel,
            view.Notice?.NotifiedAt,
            view.Notice?.OppositionDeadline,
            view.OpposedAt,
            view.OpposedBy,
            view.ActivatedAt,
            view.ActivationMode,
            view.ClosedAt,
            view.ArchivedUntil,
            view.ErasureRequestedAt,
            view.ErasureDueAt);
    }
}
