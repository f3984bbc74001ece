namespace MonEspaceSante.Interfaces.Profile;

/// <summary>Where each field of a <see cref="ProfileDraft"/> sits in the FHIR resource of its kind, for errors that name the element.</summary>
public static class ProfileFields
{
    private static readonly Dictionary<ProfileKind, Dictionary<string, string>> Elements = new()
    {
        [ProfileKind.Condition] = new(StringComparer.Ordinal)
        {
            ["codes"] = "Condition.code.coding", ["text"] = "Condition.code.text", ["status"] = "Condition.clinicalStatus",
            ["occurred"] = "Condition.onsetDateTime", ["ended"] = "Condition.abatementDateTime", ["note"] = "Condition.note",
        },
        [ProfileKind.Allergy] = new(StringComparer.Ordinal)
        {
            ["codes"] = "AllergyIntolerance.code.coding", ["text"] = "AllergyIntolerance.code.text", ["status"] = "AllergyIntolerance.clinicalStatus",
            ["occurred"] = "AllergyIntolerance.onsetDateTime", ["detail"] = "AllergyIntolerance.reaction.manifestation", ["note"] = "AllergyIntolerance.note",
        },
        [ProfileKind.Medication] = new(StringComparer.Ordinal)
        {
            ["codes"] = "MedicationStatement.medicationCodeableConcept.coding", ["text"] = "MedicationStatement.medicationCodeableConcept.text",
            ["status"] = "MedicationStatement.status", ["occurred"] = "MedicationStatement.effectivePeriod.start",
            ["ended"] = "MedicationStatement.effectivePeriod.end", ["detail"] = "MedicationStatement.dosage.text", ["note"] = "MedicationStatement.note",
        },
        [ProfileKind.Immunization] = new(StringComparer.Ordinal)
        {
            ["codes"] = "Immunization.vaccineCode.coding", ["text"] = "Immunization.vaccineCode.text", ["status"] = "Immunization.status",
            ["occurred"] = "Immunization.occurrenceDateTime", ["detail"] = "Immunization.lotNumber",
            ["doseNumber"] = "Immunization.protocolApplied.doseNumberPositiveInt", ["note"] = "Immunization.note",
            ["proofDocumentId"] = "Immunization.extension:supportingInfo",
        },
    };

    /// <summary>The FHIR resource type of <paramref name="kind"/>.</summary>
    public static string ResourceOf(ProfileKind kind) => kind switch
    {
        ProfileKind.Condition => "Condition",
        ProfileKind.Allergy => "AllergyIntolerance",
        ProfileKind.Medication => "MedicationStatement",
        _ => "Immunization",
    };

    /// <summary>Whether <paramref name="kind"/> has a place for <paramref name="field"/> (a condition has no dose number).</summary>
    public static bool Takes(ProfileKind kind, string field) => field is "labels" || Elements[kind].ContainsKey(field);

    /// <summary>The FHIR element of each draft field, for <paramref name="kind"/>.</summary>
    public static Func<string, string> Fhir(ProfileKind kind) => field => field switch
    {
        "labels" => $"{ResourceOf(kind)}.meta.security",
        "identifier" => $"{ResourceOf(kind)}.identifier",
        _ => Elements[kind].GetValueOrDefault(field, $"{ResourceOf(kind)}.{field}"),
    };
}
