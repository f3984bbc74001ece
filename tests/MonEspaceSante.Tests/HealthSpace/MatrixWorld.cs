using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Agenda;
using MonEspaceSante.Tests.Documents;
using MonEspaceSante.Tests.Inbox;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>
/// One person's space as the matrix probes it: open, one professional blocked, three apps (one with every scope
/// the probes need, one with an unrelated scope, one revoked), a document, an appointment and a conversation.
/// </summary>
public sealed record MatrixSpace(Ins Person, string DocumentId, string AppointmentId, string ConversationId, string ObservationId, string Silo, string ImmunizationId)
{
    public const string Doctor = "10000000001";
    public const string Blocked = "10000000002";
    public const string Urgent = "10000000003";
    public const string WithScope = "docs-app";
    public const string WithoutScope = "reader-app";
    public const string Revoked = "coach";

    public static readonly string[] Scopes =
        ["documents.read", "documents.write", "agenda.write", "measurements.read:body-weight", "measurements.write:body-weight", "profile.read:immunizations", "profile.write:immunizations"];

    public static async Task<MatrixSpace> CreateAsync(HealthSpaceFixture fixture, bool refuseBreakGlass)
    {
        var person = await fixture.OpenSpaceAsync();
        var holder = fixture.App.PatientClient(person);
        await fixture.ConnectAsync(person, WithScope, Scopes);
        await fixture.ConnectAsync(person, WithoutScope, "measurements.write:steps");
        await fixture.ConnectAsync(person, Revoked, Scopes);
        (await holder.DeleteAsync($"/api/v1/me/consents/{Revoked}")).EnsureSuccessStatusCode();
        (await holder.PutAsync($"/api/v1/me/controls/blocked-professionals/{Blocked}", null)).EnsureSuccessStatusCode();
        if (refuseBreakGlass)
        {
            (await holder.PutAsJsonAsync("/api/v1/me/controls/break-glass", new { allowed = false })).EnsureSuccessStatusCode();
        }

        var doctor = fixture.App.ProfessionalClient(Doctor);
        return new MatrixSpace(
            person,
            await DepositAsync(doctor, person),
            await IdOfAsync(await doctor.PostFhirAsync(AgendaSamples.Appointment(person, Guid.NewGuid().ToString("N"), fixture.App.Clock.GetUtcNow().AddDays(10), rpps: Doctor))),
            (await IdOfAsync(await Communications.PostAsync(doctor, Communications.Start(person, "Bilan", "Voici le bilan.", Communications.Pdf("bilan.pdf"))))).Split('-')[0],
            await MeasureAsync(fixture, person),
            fixture.App.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString(),
            await VaccinateAsync(doctor, person, fixture.App.Clock.GetUtcNow()));
    }

    /// <summary>A document deposited by <see cref="Doctor"/>, for probes that delete or change one.</summary>
    public static async Task<string> DepositAsync(HttpClient doctor, Ins person) =>
        await IdOfAsync(await doctor.PostAsync("/fhir/DocumentReference", DocumentSamples.Fhir(DocumentSamples.Reference(person.Value))));

    /// <summary>A vaccination <see cref="Doctor"/> records, for probes that read, mask or remove a profile item.</summary>
    public static async Task<string> VaccinateAsync(HttpClient doctor, Ins person, DateTimeOffset now) =>
        await IdOfAsync(await doctor.PostProfileFhirAsync(ProfileSamples.Immunization(person, now.AddDays(-1))));

    /// <summary>A weight pushed by <see cref="WithScope"/>, once it is stored and readable by id.</summary>
    private static async Task<string> MeasureAsync(HealthSpaceFixture fixture, Ins person)
    {
        var app = fixture.App.ClientFor("app", WithScope);
        var id = await IdOfAsync(await app.PostAsync("/fhir/Observation", Measurements.Samples.Content(Measurements.Samples.Observation(person, "29463-7", "kg", 72))));
        var holder = fixture.App.PatientClient(person);
        await Eventually.HoldsAsync(async () => (await holder.GetAsync($"/fhir/Observation/{id}")).IsSuccessStatusCode, TimeSpan.FromSeconds(20), $"Observation {id} stored");
        return id;
    }

    private static async Task<string> IdOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }
}
