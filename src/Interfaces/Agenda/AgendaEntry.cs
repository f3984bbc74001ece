namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>One appointment or hospitalisation of a person's agenda.</summary>
/// <param name="Id">The server's id of the entry (unique within the person's agenda).</param>
/// <param name="Source">Who sent it and alone may change it: <c>patient</c>, <c>app:&lt;app id&gt;</c> or <c>rpps:&lt;RPPS&gt;</c>.</param>
/// <param name="ExternalId">The source's id of the entry; with <paramref name="Source"/> and <paramref name="ExternalSystem"/>, the key resends are matched on.</param>
/// <param name="ExternalSystem">The namespace of <paramref name="ExternalId"/>, if the source gave one.</param>
/// <param name="Kind">Appointment or hospitalisation.</param>
/// <param name="Title">What it is.</param>
/// <param name="Description">Longer text.</param>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends, if known.</param>
/// <param name="Location">Where, as text.</param>
/// <param name="PractitionerName">The professional seen.</param>
/// <param name="PractitionerRpps">The professional's RPPS number.</param>
/// <param name="Status">Booked or cancelled.</param>
/// <param name="CreatedAt">When the server first received it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">1 when created, one more at each change (FHIR <c>meta.versionId</c>).</param>
[GenerateSerializer, Immutable, Alias("mes.AgendaEntry")]
public sealed record AgendaEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Source,
    [property: Id(2)] string ExternalId,
    [property: Id(3)] string? ExternalSystem,
    [property: Id(4)] AgendaKind Kind,
    [property: Id(5)] string Title,
    [property: Id(6)] string? Description,
    [property: Id(7)] DateTimeOffset Start,
    [property: Id(8)] DateTimeOffset? End,
    [property: Id(9)] string? Location,
    [property: Id(10)] string? PractitionerName,
    [property: Id(11)] string? PractitionerRpps,
    [property: Id(12)] AgendaStatus Status,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] DateTimeOffset UpdatedAt,
    [property: Id(15)] int Version);
