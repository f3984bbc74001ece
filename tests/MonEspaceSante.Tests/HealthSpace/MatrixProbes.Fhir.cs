using MonEspaceSante.Tests.Agenda;
using MonEspaceSante.Tests.Documents;
using MonEspaceSante.Tests.Inbox;
using MonEspaceSante.Tests.Infrastructure;
using MonEspaceSante.Tests.Measurements;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>The FHIR API: who reaches which brick of a person's space.</summary>
public static partial class MatrixProbes
{
    private static readonly DateTimeOffset Start = PostgresClusterFixture.Start.AddDays(20);

    private static IEnumerable<MatrixProbe> Fhir()
    {
        yield return Get("/fhir/Patient/{ins}", s => $"/fhir/Patient/{s.Person.Value}", Expect.Holder);

        // Measurements are written by apps only, under their write scope.
        yield return Send("POST", "/fhir/Observation", _ => "/fhir/Observation", s => FhirBody(Samples.Observation(s.Person, "29463-7", "kg", 70)), Expect.Only(MatrixCaller.AppWithScope));
        yield return Send("POST", "/fhir", _ => "/fhir", s => FhirBody(Samples.Bundle(Samples.Entry(Samples.Observation(s.Person, "29463-7", "kg", 71)))), Expect.Only(MatrixCaller.AppWithScope));
        yield return Get("/fhir/Observation", s => $"/fhir/Observation?patient={s.Person.Value}", Expect.Space(apps: true));
        yield return Get("/fhir/Observation/{id}", s => $"/fhir/Observation/{s.ObservationId}", Expect.Space(apps: true));
        yield return Get("/fhir/Observation/{id}/_history/{version}", s => $"/fhir/Observation/{s.ObservationId}/_history/1", Expect.Space(apps: true));

        // An app reads the consent it holds (the one with an unrelated scope too); a revoked one holds none.
        yield return Get("/fhir/Consent", s => $"/fhir/Consent?patient={s.Person.Value}", Expect.Only(
            MatrixCaller.Holder, MatrixCaller.Professional, MatrixCaller.BreakGlass, MatrixCaller.AppWithScope, MatrixCaller.AppWithoutScope));

        // Documents: the insurer (operator) deposits too; reading needs documents.read.
        yield return Send("POST", "/fhir/DocumentReference", _ => "/fhir/DocumentReference", s => DocumentSamples.Fhir(DocumentSamples.Reference(s.Person.Value)), Expect.Space(apps: true, operators: true));
        yield return Get("/fhir/DocumentReference", s => $"/fhir/DocumentReference?patient={s.Person.Value}", Expect.Space(apps: true));
        yield return Get("/fhir/DocumentReference/{id}", s => $"/fhir/DocumentReference/{s.DocumentId}", Expect.Space(apps: true));
        yield return Get("/fhir/Binary/{id}", s => $"/fhir/Binary/{s.DocumentId}", Expect.Space(apps: true));

        // Only a document's author or the holder deletes it; only professionals reveal one.
        yield return new MatrixProbe("DELETE", "/fhir/DocumentReference/{id}", (_, id) => $"/fhir/DocumentReference/{id}", null,
            Expect.Only(MatrixCaller.Holder, MatrixCaller.Professional), DoctorDocumentAsync);
        yield return Send("POST", "/fhir/DocumentReference/{id}/$reveal", s => $"/fhir/DocumentReference/{s.DocumentId}/$reveal", null, Expect.Space(holder: false));

        // A staged upload is not yet anyone's document: whoever may deposit stages one.
        yield return Send("POST", "/fhir/Binary", _ => "/fhir/Binary", _ => Pdf(), Expect.Only(
            MatrixCaller.Holder, MatrixCaller.OtherPatient, MatrixCaller.Professional, MatrixCaller.BlockedProfessional, MatrixCaller.BreakGlass,
            MatrixCaller.BreakGlassRefused, MatrixCaller.AppWithScope, MatrixCaller.AppWithoutScope, MatrixCaller.AppRevoked, MatrixCaller.Operator));

        // Devices: any app registers its devices and reads its own; a device is not a person's data.
        yield return Send("POST", "/fhir/Device", _ => "/fhir/Device", s => FhirBody(new
        {
            resourceType = "Device",
            identifier = new[] { new { system = "urn:oid:1.2.250.1.213.1.4.10", value = "SN-" + s.Person.Value } },
        }), Expect.Only(MatrixCaller.AppWithScope, MatrixCaller.AppWithoutScope, MatrixCaller.AppRevoked));
        yield return Get("/fhir/Device/{id}", s => $"/fhir/Device/{MonEspaceSante.Interfaces.Devices.DeviceIds.Of(MatrixSpace.WithScope, "SN-" + s.Person.Value)}",
            Expect.Only(MatrixCaller.AppWithScope, MatrixCaller.AppWithoutScope, MatrixCaller.AppRevoked));

        // Agenda: apps write with agenda.write but read nothing; a source changes only its own entries.
        yield return Send("POST", "/fhir/Appointment", _ => "/fhir/Appointment",
            s => AgendaSamples.FhirContent(AgendaSamples.Appointment(s.Person, Guid.NewGuid().ToString("N"), Start)), Expect.Space(apps: true));
        yield return Send("PUT", "/fhir/Appointment/{id}", s => $"/fhir/Appointment/{s.AppointmentId}",
            s => AgendaSamples.FhirContent(AgendaSamples.Appointment(s.Person, "unchanged", Start)), Expect.Only(MatrixCaller.Professional));
        yield return Get("/fhir/Appointment", s => $"/fhir/Appointment?patient={s.Person.Value}", Expect.Space());
        yield return Get("/fhir/Appointment/{id}", s => $"/fhir/Appointment/{s.AppointmentId}?patient={s.Person.Value}", Expect.Space());

        // Medical profile: professionals and the holder write and read every list; an app the lists its consent names.
        yield return Send("POST", "/fhir/Immunization", _ => "/fhir/Immunization", s => AgendaSamples.FhirContent(ProfileSamples.Immunization(s.Person, Start.AddDays(-30))), Expect.Space(apps: true));
        yield return Get("/fhir/Immunization", s => $"/fhir/Immunization?patient={s.Person.Value}", Expect.Space(apps: true));
        yield return Get("/fhir/Immunization/{id}", s => $"/fhir/Immunization/{s.ImmunizationId}?patient={s.Person.Value}", Expect.Space(apps: true));
        yield return Send("POST", "/fhir/Condition", _ => "/fhir/Condition", s => AgendaSamples.FhirContent(ProfileSamples.Condition(s.Person)), Expect.Space());
        yield return Get("/fhir/Condition", s => $"/fhir/Condition?patient={s.Person.Value}", Expect.Space());
        yield return Get("/fhir/Condition/{id}", s => $"/fhir/Condition/{s.ImmunizationId}?patient={s.Person.Value}", Expect.Space());
        yield return Send("POST", "/fhir/AllergyIntolerance", _ => "/fhir/AllergyIntolerance", s => AgendaSamples.FhirContent(ProfileSamples.Allergy(s.Person)), Expect.Space());
        yield return Get("/fhir/AllergyIntolerance", s => $"/fhir/AllergyIntolerance?patient={s.Person.Value}", Expect.Space());
        yield return Get("/fhir/AllergyIntolerance/{id}", s => $"/fhir/AllergyIntolerance/{s.ImmunizationId}?patient={s.Person.Value}", Expect.Space());
        yield return Send("POST", "/fhir/MedicationStatement", _ => "/fhir/MedicationStatement", s => AgendaSamples.FhirContent(ProfileSamples.Medication(s.Person)), Expect.Space());
        yield return Get("/fhir/MedicationStatement", s => $"/fhir/MedicationStatement?patient={s.Person.Value}", Expect.Space());
        yield return Get("/fhir/MedicationStatement/{id}", s => $"/fhir/MedicationStatement/{s.ImmunizationId}?patient={s.Person.Value}", Expect.Space());

        // Inbox: professionals start conversations; each reads only the ones they started.
        yield return Send("POST", "/fhir/Communication", _ => "/fhir/Communication",
            s => FhirBody(Communications.Start(s.Person, "Rendez-vous", "Merci de me rappeler.")), Expect.Space(holder: false));
        yield return Get("/fhir/Communication", s => $"/fhir/Communication?patient={s.Person.Value}", Expect.Space());
        yield return Get("/fhir/Communication/{id}", s => $"/fhir/Communication/{s.ConversationId}-1?patient={s.Person.Value}", Expect.Conversation);
        yield return Get("/fhir/Communication/{id}/attachments/{n}", s => $"/fhir/Communication/{s.ConversationId}-1/attachments/0?patient={s.Person.Value}", Expect.Conversation);
    }

    private static StringContent FhirBody(object resource) => new(
        resource is System.Text.Json.Nodes.JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(resource),
        System.Text.Encoding.UTF8, "application/fhir+json");

    private static ByteArrayContent Pdf()
    {
        var content = new ByteArrayContent(DocumentSamples.Pdf());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return content;
    }
}
