namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// A document to deposit: its index entry (class TRE_A03, type LOINC, title, date of care), its media
/// type and visibility labels. <see cref="Replaces"/> names the document a new version supersedes;
/// <see cref="ExternalId"/> (the depositor's own id, e.g. FHIR masterIdentifier) makes a resend change nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.DocumentDraft")]
public sealed record DocumentDraft(
    [property: Id(0)] string ClassCode,
    [property: Id(1)] string? TypeCode,
    [property: Id(2)] string Title,
    [property: Id(3)] DateTimeOffset? ServiceDate,
    [property: Id(4)] string MediaType,
    [property: Id(5)] IReadOnlyList<string> Labels,
    [property: Id(6)] string? Replaces,
    [property: Id(7)] string? ExternalId);
