using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Enrollment;

/// <summary>The profile facet of a person's grain: the enrollment lifecycle. Small and bounded.</summary>
[GenerateSerializer, Alias("mes.PatientProfileState")]
public sealed class PatientProfileState
{
    [Id(0)] public EnrollmentStatus Status { get; set; }

    [Id(1)] public EnrollmentNotice? Notice { get; set; }

    [Id(2)] public DateTimeOffset? OpposedAt { get; set; }

    [Id(3)] public OppositionSource? OpposedBy { get; set; }

    [Id(4)] public DateTimeOffset? ActivatedAt { get; set; }

    [Id(5)] public ActivationMode? ActivationMode { get; set; }

    [Id(6)] public DateTimeOffset? ClosedAt { get; set; }

    [Id(7)] public DateTimeOffset? ArchivedUntil { get; set; }

    /// <summary>How the person is reached (from the wave that notified them): e-mail or letter.</summary>
    [Id(8)] public NoticeChannel? Channel { get; set; }

    [Id(9)] public string? Email { get; set; }

    [Id(10)] public string? PostalAddress { get; set; }

    /// <summary>The operator who recorded the opposition on the person's behalf (by phone or post), if one did.</summary>
    [Id(11)] public string? OpposedByOperator { get; set; }

    /// <summary>The name a letter is addressed to, from the identity traits the wave's upload carried (used name, else birth name, and first names).</summary>
    [Id(12)] public string? RecipientName { get; set; }

    /// <summary>When the holder asked for their closed space to be erased before the archive period ends.</summary>
    [Id(13)] public DateTimeOffset? ErasureRequestedAt { get; set; }

    /// <summary>
    /// When the closed space is erased: the archive period's end, or the request's date plus its delay. Kept, not derived:
    /// a request keeps the date it was given if the delay changes in a later version.
    /// </summary>
    [Id(14)] public DateTimeOffset? ErasureDueAt { get; set; }
}
