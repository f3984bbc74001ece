namespace MonEspaceSante.Grains;

/// <summary>
/// Names of grain storage providers and of grain states. State names are globally unique
/// (<c>patient.profile</c>, not <c>profile</c>): the ADO.NET storage keys its rows without the grain
/// type, so two grain types sharing a state name and key would share a row.
/// </summary>
public static class StorageNames
{
    /// <summary>The storage provider holding every person's facets.</summary>
    public const string Patients = "patients";

    /// <summary>The storage provider for waves, catalogue and other cluster-wide grains.</summary>
    public const string Platform = "platform";

    /// <summary>The storage Orleans streams use for subscriptions.</summary>
    public const string PubSub = "PubSubStore";

    public const string PatientProfile = "patient.profile";

    public const string PatientConsents = "patient.consents";

    public const string PatientControls = "patient.controls";

    public const string PatientDocuments = "patient.documents";

    public const string PatientAgenda = "patient.agenda";

    public const string PatientInbox = "patient.inbox";

    public const string PatientMedicalProfile = "patient.medical-profile";

    public const string PatientContact = "patient.contact";

    public const string Catalogue = "platform.catalogue";
}
