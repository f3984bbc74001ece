namespace MonEspaceSante.Interfaces.Documents;

/// <summary>Content uploaded ahead of its document (FHIR <c>Binary</c>), as read back by its uploader.</summary>
[GenerateSerializer, Immutable, Alias("mes.StagedContent")]
public sealed record StagedContent(
    [property: Id(0)] string Id,
    [property: Id(1)] string MediaType,
    [property: Id(2)] byte[] Bytes);
