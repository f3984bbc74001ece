using Hl7.Fhir.Model;
using MonEspaceSante.Api.Measurements.Fhir;
using MonEspaceSante.Interfaces.Devices;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Measurements;

namespace MonEspaceSante.Api.Measurements;

/// <summary>
/// A stored reading as a FHIR Observation, in canonical units (glucose as 2345-7 in mg/dL, whatever it came in). A reading
/// never changes once stored, so its version is always 1; <c>meta.lastUpdated</c> is when it was accepted.
/// </summary>
public static class ObservationMapping
{
    /// <summary>The only version a reading has.</summary>
    public const string Version = "1";

    public static Observation ToFhir(Ins patient, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var code = reading.Type == MeasureType.Glucose ? "2345-7" : reading.Code;
        var observation = new Observation
        {
            Id = reading.ObservationId(patient.Value),
            Meta = new Meta
            {
                VersionId = Version,
                LastUpdated = reading.ReceivedAt,
                Source = reading.Source,
                Profile = reading.Profiles ?? [],
            },
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

        if (reading.WeightKey is { } weight)
        {
            // Computed by the service, never sent: it names the weight it comes from.
            observation.DerivedFrom.Add(new ResourceReference($"Observation/{ObservationIds.Of(patient.Value, reading.AppId, weight)}"));
        }

        if (DeviceId(reading) is { } device)
        {
            observation.Device = new ResourceReference($"Device/{device}") { Display = reading.Device };
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

    /// <summary>
    /// The id of the Device a reading names: the app's device by that identifier (<see cref="DeviceIds"/>), which resolves
    /// once the app registered it; or the registered Device the app referred to by id.
    /// </summary>
    public static string? DeviceId(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Device switch
        {
            null => null,
            var named when named.StartsWith("Device/", StringComparison.Ordinal) && DeviceIds.TryParse(named[7..], out _) => named[7..],
            var named => DeviceIds.Of(reading.AppId, named),
        };
    }

    private static Observation.ComponentComponent Component(string loinc, double value, string unit) => new()
    {
        Code = new CodeableConcept(MeasureCatalogue.LoincSystem, loinc),
        Value = Quantity(value, unit),
    };

    private static Quantity Quantity(double value, string unit) => new((decimal)value, unit, MeasureCatalogue.UcumSystem) { Unit = unit };
}
