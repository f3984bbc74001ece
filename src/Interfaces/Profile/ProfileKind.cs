namespace MonEspaceSante.Interfaces.Profile;

/// <summary>The coded lists of the medical profile, each a FHIR resource type.</summary>
public enum ProfileKind
{
    /// <summary>History and conditions (FHIR <c>Condition</c>).</summary>
    Condition = 0,

    /// <summary>Allergies and intolerances (FHIR <c>AllergyIntolerance</c>).</summary>
    Allergy = 1,

    /// <summary>Treatments (FHIR <c>MedicationStatement</c>).</summary>
    Medication = 2,

    /// <summary>Vaccinations (FHIR <c>Immunization</c>).</summary>
    Immunization = 3,
}
