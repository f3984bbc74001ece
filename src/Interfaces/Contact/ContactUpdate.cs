namespace MonEspaceSante.Interfaces.Contact;

/// <summary>What the person sets: each value replaces the one known (an empty string removes it; null keeps it).</summary>
[GenerateSerializer, Immutable, Alias("mes.ContactUpdate")]
public sealed record ContactUpdate(
    [property: Id(0)] string? Email,
    [property: Id(1)] string? Mobile,
    [property: Id(2)] string? PostalAddress,
    [property: Id(3)] string? RecipientName);
