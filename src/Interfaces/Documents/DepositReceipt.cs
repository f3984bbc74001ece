namespace MonEspaceSante.Interfaces.Documents;

/// <summary>What a deposit did: the document, and whether it was created now or found already deposited (a resend).</summary>
[GenerateSerializer, Immutable, Alias("mes.DepositReceipt")]
public sealed record DepositReceipt(
    [property: Id(0)] DocumentView Document,
    [property: Id(1)] bool Created);
