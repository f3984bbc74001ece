using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// One entry of the document index, as the accessor may see it. <see cref="ServiceDate"/> is the date of care,
/// <see cref="DepositedAt"/> when it reached the space; <see cref="ExternalId"/> is the depositor's own id
/// (FHIR masterIdentifier), if it gave one. <see cref="Version"/> (FHIR <c>meta.versionId</c>) is 1 when deposited and
/// one more at each change; <see cref="UpdatedAt"/> is when it last changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.DocumentView")]
public sealed record DocumentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ClassCode,
    [property: Id(2)] string? TypeCode,
    [property: Id(3)] string Title,
    [property: Id(4)] DateTimeOffset? ServiceDate,
    [property: Id(5)] DateTimeOffset DepositedAt,
    [property: Id(6)] AccessorRole AuthorRole,
    [property: Id(7)] string? AuthorId,
    [property: Id(8)] DocumentStatus Status,
    [property: Id(9)] string? Replaces,
    [property: Id(10)] string? SupersededBy,
    [property: Id(11)] string MediaType,
    [property: Id(12)] long Size,
    [property: Id(13)] string Sha256,
    [property: Id(14)] IReadOnlyList<string> Labels,
    [property: Id(15)] string? ExternalId = null,
    [property: Id(16)] int Version = 1,
    [property: Id(17)] DateTimeOffset? UpdatedAt = null)
{
    /// <summary>When the entry last changed: its deposit until a first change.</summary>
    public DateTimeOffset LastUpdated => UpdatedAt ?? DepositedAt;
}

/// <summary>The status of a document: current, superseded by a new version, or deleted.</summary>
public enum DocumentStatus
{
    Current = 0,
    Superseded = 1,
    Deleted = 2,
}
