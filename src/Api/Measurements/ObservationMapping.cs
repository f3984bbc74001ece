using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Measurements;

/// <summary>A stored reading as a FHIR Observation, in canonical units (glucose as 2345-7 in mg/dL, whatever it came in).</summary>
public static class ObservationMapping
{
    public static Observation ToFhir(Ins patient, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var code = reading.Type == MeasureType.Glucose ? "2345-7" : reading.Code;
        var observation = new Observation
        {
            Id = IdOf(patient, reading),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
            Code = new CodeableConcept(MeasureCatalogue.LoincSystem, code),
            Subject = new ResourceReference { Identifier = new Identifier(IdentifierSystems.InsNir, patient.Value) },
            Effective = new FhirDateTime(reading.EffectiveAt),
        };
        if (reading.ReadingKey.StartsWith("id:", StringComparison.Ordinal) && reading.ReadingKey[3..].Split('|', 2) is [var system, var value])
        {
            observation.Identifier.Add(new Identifier(system, value));
        }

        if (reading.Device is not null)
        {
            observation.Device = new ResourceReference { Display = reading.Device };
        }

        if (reading.Type == MeasureType.BloodPressure)
        {
            observation.Component.Add(Component(MeasureCatalogue.SystolicPressure, reading.Value, reading.Unit));
            observation.Component.Add(Component(MeasureCatalogue.DiastolicPressure, reading.Secondary ?? 0, reading.Unit));
        }
        else
        {
            observation.Value = Quantity(reading.Value, reading.Unit);
        }

        return observation;
    }

    private static Observation.ComponentComponent Component(string loinc, double value, string unit) => new()
    {
        Code = new CodeableConcept(MeasureCatalogue.LoincSystem, loinc),
        Value = Quantity(value, unit),
    };

    private static Quantity Quantity(double value, string unit) => new((decimal)value, unit, MeasureCatalogue.UcumSystem) { Unit = unit };

    /// <summary>A stable id from who, what and when: the same reading always has the same id.</summary>
    private static string IdOf(Ins patient, Reading reading)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{patient.Value}|{reading.AppId}|{reading.ReadingKey}|{reading.EffectiveAt.UtcTicks}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
