namespace MonEspaceSante.Interfaces.Profile;

/// <summary>
/// A profile item as a caller sends it; checked by <see cref="ProfileRules"/>. What each field means depends on the kind:
/// </summary>
/// <param name="Kind">Which list it belongs to.</param>
/// <param name="Codes">Its codings (at least one, or a <paramref name="Text"/>).</param>
/// <param name="Text">What it is, in words (the person's own words when they enter it).</param>
/// <param name="Status">The FHIR status code of its kind (<see cref="ProfileRules.Statuses"/>).</param>
/// <param name="Occurred">Onset, start of the treatment, or the vaccination's date (required for a vaccination).</param>
/// <param name="Ended">When a condition resolved or a treatment stopped.</param>
/// <param name="Detail">An allergy's reaction, a treatment's dosage, a vaccine's lot number.</param>
/// <param name="DoseNumber">Which dose of its series a vaccination was.</param>
/// <param name="Note">A free note.</param>
/// <param name="ProofDocumentId">A document of the same space proving a vaccination the person entered (a scan of the booklet).</param>
/// <param name="Labels">Visibility labels: <c>MASQUE_PS</c>, <c>INVISIBLE_REPRESENTANTS_LEGAUX</c>.</param>
/// <param name="ExternalId">The sender's id of the item (FHIR <c>identifier[0]</c>): its resend is the same item, not another.</param>
/// <param name="ExternalSystem">The namespace of <paramref name="ExternalId"/>.</param>
[GenerateSerializer, Immutable, Alias("mes.ProfileDraft")]
public sealed record ProfileDraft(
    [property: Id(0)] ProfileKind Kind,
    [property: Id(1)] IReadOnlyList<ProfileCode> Codes,
    [property: Id(2)] string? Text,
    [property: Id(3)] string? Status,
    [property: Id(4)] DateOnly? Occurred,
    [property: Id(5)] DateOnly? Ended,
    [property: Id(6)] string? Detail,
    [property: Id(7)] int? DoseNumber,
    [property: Id(8)] string? Note,
    [property: Id(9)] string? ProofDocumentId,
    [property: Id(10)] IReadOnlyList<string> Labels,
    [property: Id(11)] string? ExternalId = null,
    [property: Id(12)] string? ExternalSystem = null);
