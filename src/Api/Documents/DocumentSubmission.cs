using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Documents;

/// <summary>
/// A DocumentReference read for deposit: whose space, the draft, and its content either inline
/// (<see cref="Data"/>) or uploaded first as a Binary (<see cref="BinaryId"/>).
/// </summary>
public sealed record DocumentSubmission(Ins Subject, DocumentDraft Draft, byte[]? Data, string? BinaryId);
