using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// The documents facet (DMP) of a person's grain (same key as <see cref="Patients.IPatientGrain"/>):
/// the document index in grain state, contents stored once by SHA-256 in PostgreSQL. Every method checks
/// the accessor against the person's controls and the visibility labels, and records access by others.
/// </summary>
[Alias("mes.IPatientDocumentsGrain")]
public interface IPatientDocumentsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Deposits a document with its content (checked for size and media type); with
    /// <see cref="DocumentDraft.Replaces"/> the new version supersedes the old one.
    /// </summary>
    [Alias("Deposit")]
    Task<DocumentView> DepositAsync(Accessor accessor, DocumentDraft draft, byte[] content);
}
