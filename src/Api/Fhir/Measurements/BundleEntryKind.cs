namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>What a Bundle entry came to.</summary>
public enum BundleEntryKind
{
    /// <summary>An Observation accepted as a reading.</summary>
    Reading = 0,

    /// <summary>A resource that supports the readings (a Device they refer to), accepted but stored as nothing.</summary>
    Supporting = 1,

    /// <summary>Refused; its issues say why.</summary>
    Refused = 2,
}
