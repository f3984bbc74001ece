namespace MonEspaceSante.Api.Documents;

/// <summary>Whether a document is masked from professionals other than its author: <c>{"masked": true}</c>.</summary>
public sealed record DocumentMaskRequest(bool? Masked);
