namespace MonEspaceSante.Api.Profile;

/// <summary>Bounds of the medical profile as the API states them (the grain holds them too).</summary>
internal static class ProfileLimits
{
    /// <summary>Items per profile (MedicalProfileFacet.Capacity).</summary>
    public const int MaxItems = 1000;
}
