using System.Globalization;
using Hl7.Fhir.Model;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Api.Agenda;

/// <summary>
/// An agenda entry as a FHIR R4 <c>Appointment</c> (also used by the export of the whole space). The kind
/// is <c>serviceCategory</c> in the HL7 v3 ActCode system: <c>AMB</c> (ambulatory) for an appointment,
/// <c>IMP</c> (inpatient encounter) for a hospitalisation. The title is <c>description</c>, the longer text
/// <c>comment</c>; the patient, the professional (RPPS identifier, name as display) and the location (as
/// display) are participants; the source is <c>meta.source</c> (<c>urn:mes:agenda-source:app:&lt;id&gt;</c>).
/// </summary>
public static class AppointmentMapping
{
    public const string KindSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    public const string AppointmentCode = "AMB";

    public const string HospitalisationCode = "IMP";

    public const string SourcePrefix = "urn:mes:agenda-source:";

    /// <summary>The FHIR Appointment of <paramref name="entry"/>, in the agenda of <paramref name="ins"/>.</summary>
    public static Appointment ToFhir(Ins ins, AgendaEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var appointment = new Appointment
        {
            Id = entry.Id,
            Meta = new Meta
            {
                VersionId = entry.Version.ToString(CultureInfo.InvariantCulture),
                LastUpdated = entry.UpdatedAt,
                Source = SourcePrefix + entry.Source,
            },
            Identifier = [new Identifier(entry.ExternalSystem, entry.ExternalId)],
            Status = entry.Status == AgendaStatus.Cancelled ? Appointment.AppointmentStatus.Cancelled : Appointment.AppointmentStatus.Booked,
            ServiceCategory =
            [
                entry.Kind == AgendaKind.Hospitalisation
                    ? new CodeableConcept(KindSystem, HospitalisationCode, "inpatient encounter")
                    : new CodeableConcept(KindSystem, AppointmentCode, "ambulatory"),
            ],
            Description = entry.Title,
            Comment = entry.Description,
            Start = entry.Start,
            // R4 wants both ends of a booked appointment (app-2, app-3): an entry whose end is not known ends at its start.
            End = entry.End ?? entry.Start,
            CreatedElement = new FhirDateTime(entry.CreatedAt),
            Participant =
            [
                Participant(new ResourceReference($"Patient/{ins.Value}") { Type = "Patient", Identifier = new Identifier(IdentifierSystems.InsNir, ins.Value) }),
            ],
        };
        if (entry.PractitionerRpps is not null || entry.PractitionerName is not null)
        {
            appointment.Participant.Add(Participant(new ResourceReference
            {
                Type = "Practitioner",
                Identifier = entry.PractitionerRpps is null ? null : new Identifier(IdentifierSystems.Rpps, entry.PractitionerRpps),
                Display = entry.PractitionerName,
            }));
        }

        if (entry.Location is not null)
        {
            appointment.Participant.Add(Participant(new ResourceReference { Type = "Location", Display = entry.Location }));
        }

        return appointment;
    }

    private static Appointment.ParticipantComponent Participant(ResourceReference actor) =>
        new() { Actor = actor, Status = ParticipationStatus.Accepted };
}
