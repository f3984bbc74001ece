namespace MonEspaceSante.Interfaces.Patients;

/// <summary>How a space came to be open.</summary>
public enum ActivationMode
{
    /// <summary>Opened automatically when the opposition deadline passed.</summary>
    Automatic = 0,

    /// <summary>Opened by the person.</summary>
    Self = 1,

    /// <summary>Reopened by the person within the archive period after a closure.</summary>
    Reopened = 2,
}
