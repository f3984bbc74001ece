namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// A search of the document index: classes (TRE_A03) and types (LOINC), each matching any of its values when
/// not empty; a date range [<see cref="From"/>, <see cref="To"/>) on the date of care (the deposit date for a
/// document without one); a 1-based page of <see cref="PageSize"/> (1 to <see cref="MaxPageSize"/>). Current
/// documents only, unless <see cref="IncludeSuperseded"/> (the export wants every version).
/// </summary>
[GenerateSerializer, Immutable, Alias("mes.DocumentQuery")]
public sealed record DocumentQuery(
    [property: Id(0)] IReadOnlyList<string> ClassCodes,
    [property: Id(1)] IReadOnlyList<string> TypeCodes,
    [property: Id(2)] DateTimeOffset? From,
    [property: Id(3)] DateTimeOffset? To,
    [property: Id(4)] int Page = 1,
    [property: Id(5)] int PageSize = DocumentQuery.DefaultPageSize,
    [property: Id(6)] bool IncludeSuperseded = false)
{
    /// <summary>The page size when none is asked.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Every visible document, first page.</summary>
    public static DocumentQuery All { get; } = new([], [], null, null);
}
