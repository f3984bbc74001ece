namespace MonEspaceSante.Interfaces.Patients;

/// <summary>The notice of an opt-out wave to one person.</summary>
/// <param name="WaveId">The wave that notified the person.</param>
/// <param name="Channel">E-mail, or letter where no e-mail is known.</param>
/// <param name="NotifiedAt">When the notice was issued; the opposition window starts then.</param>
/// <param name="OppositionDeadline">The end of the opposition window; the space opens then.</param>
[GenerateSerializer, Immutable, Alias("mes.EnrollmentNotice")]
public sealed record EnrollmentNotice(
    [property: Id(0)] string WaveId,
    [property: Id(1)] NoticeChannel Channel,
    [property: Id(2)] DateTimeOffset NotifiedAt,
    [property: Id(3)] DateTimeOffset OppositionDeadline);
