using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using MonEspaceSante.Api.Fhir;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Agenda;

/// <summary>
/// Reads a FHIR <c>Appointment</c> into the person it is for and an <see cref="AgendaDraft"/>. Refusals
/// name the element (<c>Appointment.end</c>). The patient is the participant whose actor is
/// <c>Patient/&lt;INS&gt;</c> or carries an INS identifier; <c>identifier[0]</c> is the sender's id.
/// </summary>
public static class AppointmentReader
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["title"] = "Appointment.description",
        ["description"] = "Appointment.comment",
        ["start"] = "Appointment.start",
        ["end"] = "Appointment.end",
        ["location"] = "Appointment.participant.actor.display",
        ["practitionerName"] = "Appointment.participant.actor.display",
        ["practitionerRpps"] = "Appointment.participant.actor.identifier",
        ["externalId"] = "Appointment.identifier",
        ["externalSystem"] = "Appointment.identifier.system",
    };

    /// <summary>The FHIR element a canonical draft field is read from.</summary>
    public static string FieldOf(string field) => Fields.GetValueOrDefault(field, "Appointment." + field);

    public static (Ins Patient, AgendaDraft Draft, string? Id) Read(ReadOnlySpan<byte> json)
    {
        var appointment = Parse(json);
        var identifier = appointment.Identifier.FirstOrDefault();
        if (string.IsNullOrEmpty(identifier?.Value))
        {
            throw new InvalidInputException("Appointment.identifier", "is required: identifier[0].value is the sender's id of the appointment, matched on resends");
        }

        var status = appointment.Status switch
        {
            Appointment.AppointmentStatus.Booked => AgendaStatus.Booked,
            Appointment.AppointmentStatus.Cancelled => AgendaStatus.Cancelled,
            null => throw new InvalidInputException("Appointment.status", "is required (booked or cancelled)"),
            _ => throw new InvalidInputException("Appointment.status", "only booked and cancelled are accepted"),
        };
        var (patient, practitioner, location) = Participants(appointment);
        var draft = new AgendaDraft(Kind(appointment), appointment.Description, appointment.Comment, appointment.Start, appointment.End, location?.Display,
            practitioner?.Display, practitioner?.Identifier?.System == IdentifierSystems.Rpps ? practitioner.Identifier.Value : null, status,
            identifier.Value, identifier.System);
        AgendaRules.Check(draft, FieldOf);
        return (patient, draft, appointment.Id);
    }

    private static Appointment Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Resource? resource;
        IEnumerable<CodedException> errors;
        try
        {
            if (Deserializer.TryDeserializeResource(ref reader, out resource, out errors))
            {
                return resource as Appointment ?? throw new InvalidInputException("resourceType", "must be Appointment");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidInputException("Appointment", "the body is not FHIR JSON: " + e.GetType().Name);
        }

        if (resource is not null and not Appointment)
        {
            throw new InvalidInputException("resourceType", "must be Appointment");
        }

        var error = errors.FirstOrDefault(e => (e as ExtendedCodedException)?.IssueSeverity is not (OperationOutcome.IssueSeverity.Warning or OperationOutcome.IssueSeverity.Information));
        if (error is null)
        {
            // Only warnings (e.g. an element Firely does not know the profile of): the resource is readable.
            return resource as Appointment ?? throw new InvalidInputException("resourceType", "must be Appointment");
        }

        var extended = error as ExtendedCodedException;
        var message = (extended?.BaseErrorMessage ?? error.Message).Replace("$this", "Appointment", StringComparison.Ordinal);
        throw new InvalidInputException(
            FirelyResources.Expression(extended?.InstancePath, resource, "Appointment"),
            InsRedactor.ContainsIns(message) ? InsRedactor.Redact(message) : message);
    }

    private static AgendaKind Kind(Appointment appointment)
    {
        var coding = appointment.ServiceCategory.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == AppointmentMapping.KindSystem);
        return coding?.Code switch
        {
            null or AppointmentMapping.AppointmentCode => AgendaKind.Appointment,
            AppointmentMapping.HospitalisationCode => AgendaKind.Hospitalisation,
            _ => throw new InvalidInputException("Appointment.serviceCategory", $"the {AppointmentMapping.KindSystem} code is AMB (appointment) or IMP (hospitalisation)"),
        };
    }

    private static (Ins Patient, ResourceReference? Practitioner, ResourceReference? Location) Participants(Appointment appointment)
    {
        var patients = new HashSet<Ins>();
        ResourceReference? practitioner = null, location = null;
        foreach (var actor in appointment.Participant.Select(p => p.Actor).OfType<ResourceReference>())
        {
            var reference = actor.Reference ?? "";
            if (reference.StartsWith("Patient/", StringComparison.Ordinal))
            {
                patients.Add(Ins.Parse(reference["Patient/".Length..], "Appointment.participant.actor.reference"));
            }
            else if (actor.Identifier?.System is { } system && IdentifierSystems.PatientSystems.Contains(system))
            {
                patients.Add(Ins.Parse(actor.Identifier.Value, "Appointment.participant.actor.identifier"));
            }
            else if (actor.Type == "Practitioner" || reference.StartsWith("Practitioner/", StringComparison.Ordinal) || actor.Identifier?.System == IdentifierSystems.Rpps)
            {
                practitioner ??= actor;
            }
            else if (actor.Type == "Location" || reference.StartsWith("Location/", StringComparison.Ordinal))
            {
                location ??= actor;
            }
        }

        return patients.Count switch
        {
            1 => (patients.Single(), practitioner, location),
            0 => throw new InvalidInputException("Appointment.participant", "a participant must be the patient: actor.reference Patient/<INS> or actor.identifier with an INS system"),
            _ => throw new InvalidInputException("Appointment.participant", "an appointment is for one patient"),
        };
    }
}
