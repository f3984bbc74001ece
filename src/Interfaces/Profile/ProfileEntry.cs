using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Profile;

/// <summary>One item of a person's medical profile as stored: the draft's content, who wrote it and when.</summary>
/// <remarks>
/// <see cref="Id"/>: the server's id (32 hex digits), unique within the space. The content fields are those of
/// <see cref="ProfileDraft"/>, the status defaulted. <see cref="AuthorRole"/> and <see cref="AuthorId"/>: who wrote it
/// (the person or a representative by INS, a professional by RPPS, an app by id). <see cref="Version"/>: 1 when written,
/// one more at each change (masked, shown again, corrected by a resend), FHIR <c>meta.versionId</c>.
/// <see cref="ExternalId"/> and <see cref="ExternalSystem"/>: the author's id of the item, which its resends carry.
/// </remarks>
[GenerateSerializer, Immutable, Alias("mes.ProfileEntry")]
public sealed record ProfileEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] ProfileKind Kind,
    [property: Id(2)] IReadOnlyList<ProfileCode> Codes,
    [property: Id(3)] string? Text,
    [property: Id(4)] string Status,
    [property: Id(5)] DateOnly? Occurred,
    [property: Id(6)] DateOnly? Ended,
    [property: Id(7)] string? Detail,
    [property: Id(8)] int? DoseNumber,
    [property: Id(9)] string? Note,
    [property: Id(10)] string? ProofDocumentId,
    [property: Id(11)] IReadOnlyList<string> Labels,
    [property: Id(12)] AccessorRole AuthorRole,
    [property: Id(13)] string AuthorId,
    [property: Id(14)] DateTimeOffset RecordedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt,
    [property: Id(16)] int Version,
    [property: Id(17)] string? ExternalId = null,
    [property: Id(18)] string? ExternalSystem = null)
{
    public bool HasLabel(string label) => Labels.Contains(label, StringComparer.Ordinal);
}
