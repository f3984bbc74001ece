using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Interfaces.Patients;

/// <summary>Typed access to a person's grain by INS, so that no caller builds the key by hand.</summary>
public static class PatientGrainExtensions
{
    /// <summary>The grain of the person holding <paramref name="ins"/>.</summary>
    public static IPatientGrain GetPatient(this IGrainFactory grains, Ins ins)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IPatientGrain>(PatientKey.From(ins));
    }
}
