using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Documents;

namespace MonEspaceSante.Grains.Documents;

/// <summary>
/// One entry of a person's document index, as stored (the view given out is <see cref="DocumentView"/>).
/// <see cref="Version"/> is 1 when deposited, one more at each change (superseded, deleted, masked, revealed);
/// <see cref="UpdatedAt"/> is when it last changed (none before its first change, and in entries stored before
/// versions were kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.DocumentEntry")]
public sealed record DocumentEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string ClassCode,
    [property: Id(2)] string? TypeCode,
    [property: Id(3)] string Title,
    [property: Id(4)] DateTimeOffset? ServiceDate,
    [property: Id(5)] DateTimeOffset DepositedAt,
    [property: Id(6)] AccessorRole AuthorRole,
    [property: Id(7)] string AuthorId,
    [property: Id(8)] DocumentStatus Status,
    [property: Id(9)] string? Replaces,
    [property: Id(10)] string? SupersededBy,
    [property: Id(11)] string MediaType,
    [property: Id(12)] long Size,
    [property: Id(13)] string Sha256,
    [property: Id(14)] IReadOnlyList<string> Labels,
    [property: Id(15)] string? ExternalId,
    [property: Id(16)] int Version = 1,
    [property: Id(17)] DateTimeOffset? UpdatedAt = null)
{
    public bool HasLabel(string label) => Labels.Contains(label, StringComparer.Ordinal);

    /// <summary>The next version of this entry, changed at <paramref name="at"/>.</summary>
    public DocumentEntry Changed(DateTimeOffset at) => this with { Version = Version + 1, UpdatedAt = at };

    /// <summary>The entry with <paramref name="label"/> added or removed.</summary>
    public DocumentEntry WithLabel(string label, bool present) => this with
    {
        Labels = present
            ? [.. Labels.Append(label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [.. Labels.Where(l => l != label)],
    };

    public DocumentView ToView() => new(
        Id, ClassCode, TypeCode, Title, ServiceDate, DepositedAt, AuthorRole, AuthorId, Status, Replaces, SupersededBy,
        MediaType, Size, Sha256, Labels, ExternalId, Version, UpdatedAt ?? DepositedAt);
}
