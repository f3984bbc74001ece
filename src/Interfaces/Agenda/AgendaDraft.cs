namespace MonEspaceSante.Interfaces.Agenda;

/// <summary>
/// An appointment or hospitalisation as a source sends it. <see cref="ExternalId"/> (with
/// <see cref="ExternalSystem"/>) is the source's own id: a resend with the same one updates the entry
/// instead of adding another. Checked by <see cref="AgendaRules"/>.
/// </summary>
/// <param name="Kind">Appointment or hospitalisation.</param>
/// <param name="Title">What it is, as shown in the agenda (required, at most <see cref="AgendaRules.MaxTitle"/> characters).</param>
/// <param name="Description">Longer text, optional.</param>
/// <param name="Start">When it starts (required).</param>
/// <param name="End">When it ends, optional; never before <paramref name="Start"/>.</param>
/// <param name="Location">Where, as text.</param>
/// <param name="PractitionerName">The professional seen, as text.</param>
/// <param name="PractitionerRpps">The professional's RPPS number (11 digits).</param>
/// <param name="Status">Booked or cancelled.</param>
/// <param name="ExternalId">The source's id of the entry; the patient may omit it (one is generated).</param>
/// <param name="ExternalSystem">The namespace of <paramref name="ExternalId"/> (FHIR <c>identifier.system</c>), optional.</param>
[GenerateSerializer, Immutable, Alias("mes.AgendaDraft")]
public sealed record AgendaDraft(
    [property: Id(0)] AgendaKind Kind,
    [property: Id(1)] string? Title,
    [property: Id(2)] string? Description,
    [property: Id(3)] DateTimeOffset? Start,
    [property: Id(4)] DateTimeOffset? End,
    [property: Id(5)] string? Location,
    [property: Id(6)] string? PractitionerName,
    [property: Id(7)] string? PractitionerRpps,
    [property: Id(8)] AgendaStatus Status,
    [property: Id(9)] string? ExternalId,
    [property: Id(10)] string? ExternalSystem);
