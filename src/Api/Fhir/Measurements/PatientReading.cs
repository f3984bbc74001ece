using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Fhir.Measurements;

/// <summary>An accepted measurement and the patient whose space it goes to.</summary>
public sealed record PatientReading(Ins Patient, Reading Reading);
