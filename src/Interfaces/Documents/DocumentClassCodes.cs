namespace MonEspaceSante.Interfaces.Documents;

/// <summary>The document classes of the DMP (ANS TRE_A03-ClasseDocument, value set JDV_J57-ClassCode-DMP).</summary>
public static class DocumentClassCodes
{
    public const string System = "https://mos.esante.gouv.fr/NOS/TRE_A03-ClasseDocument/FHIR/TRE-A03-ClasseDocument";

    /// <summary>Class of documents a patient deposits by default.</summary>
    public const string PatientDeposit = "90";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["10"] = "Compte rendu",
        ["11"] = "Synthèse",
        ["31"] = "Imagerie médicale",
        ["42"] = "Prescription",
        ["43"] = "Dispensation",
        ["44"] = "Plan de soins, protocole de soins",
        ["45"] = "Traitement administré",
        ["52"] = "Certificat, déclaration",
        ["60"] = "Données de remboursement",
        ["90"] = "Autres documents déposés par le patient",
        ["95"] = "Document de gestion",
    };
}
