using MonEspaceSante.Interfaces.Access;

namespace MonEspaceSante.Interfaces.Documents;

/// <summary>
/// The documents facet (DMP) of a person's grain (same key as <see cref="Patients.IPatientGrain"/>):
/// the document index in grain state, contents stored once by SHA-256 in PostgreSQL. Every method checks
/// the accessor against the person's controls and the visibility labels, and records access by others.
/// A document the accessor may not see is reported as not found (404), never as forbidden.
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

    /// <summary>
    /// Like <see cref="DepositAsync"/>, and says whether the document was created or was already there
    /// (a resend of the same <see cref="DocumentDraft.ExternalId"/> by the same author).
    /// </summary>
    [Alias("Submit")]
    Task<DepositReceipt> SubmitAsync(Accessor accessor, DocumentDraft draft, byte[] content);

    /// <summary>
    /// A conditional create (FHIR <c>If-None-Exist: identifier=…</c>): like <see cref="SubmitAsync"/>, except that a
    /// current document the accessor may see under the same <see cref="DocumentDraft.ExternalId"/>, by any author, is the
    /// answer (not created); several such are a 412. An app only ever matches its own.
    /// </summary>
    [Alias("SubmitIfNoneExist")]
    Task<DepositReceipt> SubmitIfNoneExistAsync(Accessor accessor, DocumentDraft draft, byte[] content);

    /// <summary>One document's index entry, if the accessor may see it.</summary>
    [Alias("Get")]
    Task<DocumentView> GetAsync(Accessor accessor, string documentId);

    /// <summary>One document's content, if the accessor may see the document.</summary>
    [Alias("GetContent")]
    Task<DocumentContent> GetContentAsync(Accessor accessor, string documentId);

    /// <summary>The documents the accessor may see that match <paramref name="query"/>, newest first, one page with the total.</summary>
    [Alias("Search")]
    Task<DocumentPage> SearchAsync(Accessor accessor, DocumentQuery query);

    /// <summary>Marks a document deleted: by its author, or by the holder (or a legal representative acting for a minor).</summary>
    [Alias("Delete")]
    Task DeleteAsync(Accessor accessor, string documentId);

    /// <summary>The holder masks a document from professionals other than its author (label MASQUE_PS), or unmasks it.</summary>
    [Alias("SetMasked")]
    Task<DocumentView> SetMaskedAsync(Accessor accessor, string documentId, bool masked);

    /// <summary>A professional reveals to the patient a document labelled INVISIBLE_PATIENT (the label is removed).</summary>
    [Alias("Reveal")]
    Task<DocumentView> RevealAsync(Accessor accessor, string documentId);

    /// <summary>An open live feed of the holder says it is watching: document events are published for that long.</summary>
    [Alias("WatchDocuments")]
    Task WatchDocumentsAsync(TimeSpan forHowLong);
}
