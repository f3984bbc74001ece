namespace MonEspaceSante.Api.Fhir;

/// <summary>Every FHIR route in one place.</summary>
public static class FhirRoutes
{
    public const string Base = "/fhir";
    public const string Metadata = "/metadata";
    public const string PatientRead = "/Patient/{ins}";
    public const string Observation = "/Observation";
    public const string MediaType = "application/fhir+json";
}
