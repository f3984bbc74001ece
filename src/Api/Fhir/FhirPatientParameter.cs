using Microsoft.AspNetCore.Http;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Fhir;

/// <summary>
/// The person a FHIR search is about: <c>patient</c> (or <c>subject</c>) as an INS, <c>Patient/INS</c>, or
/// <c>system|INS</c> with an INS identifier system, or <c>patient.identifier</c> / <c>subject.identifier</c> (the
/// national measurement API's form); the holder's own space when a patient omits it.
/// </summary>
public static class FhirPatientParameter
{
    /// <summary>The search parameters naming the person.</summary>
    public static readonly IReadOnlyList<string> Names = ["patient", "subject", "patient.identifier", "subject.identifier"];

    public static Ins Resolve(HttpRequest request, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var value = Names.Select(name => request.Query[name].FirstOrDefault()).FirstOrDefault(v => v is not null);
        if (value is null)
        {
            return caller.IsPatient
                ? caller.PatientIns
                : throw new MonEspaceSante.Interfaces.Errors.InvalidInputException("patient", "is required: the person's INS (patient=<INS>)");
        }

        if (value.StartsWith("Patient/", StringComparison.Ordinal))
        {
            value = value["Patient/".Length..];
        }

        var bar = value.IndexOf('|', StringComparison.Ordinal);
        if (bar >= 0)
        {
            var system = value[..bar];
            if (system.Length > 0 && system is not (IdentifierSystems.InsNir or IdentifierSystems.InsNia or IdentifierSystems.InsNirTest or IdentifierSystems.InsNirDemo))
            {
                throw new MonEspaceSante.Interfaces.Errors.InvalidInputException("patient", "the identifier system must be an INS system (urn:oid:1.2.250.1.213.1.4.8, .9, .10 or .11)");
            }

            value = value[(bar + 1)..];
        }

        return Ins.Parse(value, "patient");
    }
}
