using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Grains.Jobs;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Notices;

/// <summary>The daily access digest: every access by someone else told to the person, who and when, nothing of what.</summary>
public sealed class AccessDigestTests(DeliveryFixture fixture) : IClassFixture<DeliveryFixture>
{
    private const string Doctor = "10004567890";

    private static DateOnly TodayInParis => MonEspaceSante.Grains.ParisTime.Today(DateTimeOffset.UtcNow);

    private async Task<string> PersonWithEmailAsync(MonEspaceSante.Interfaces.Identity.Ins person, string name)
    {
        var address = $"{name}.{person.Value[^6..]}@example.org";
        (await fixture.App.PatientClient(person).PutAsJsonAsync("/api/v1/me/contact", new { email = address })).EnsureSuccessStatusCode();
        return address;
    }

    [Fact]
    public async Task A_professionals_accesses_of_the_day_reach_the_person_once_as_who_and_when()
    {
        var person = await fixture.OpenSpaceAsync();
        var address = await PersonWithEmailAsync(person, "digest");
        var doctor = fixture.App.ProfessionalClient(Doctor);
        (await doctor.GetAsync($"/fhir/DocumentReference?patient={person.Value}")).EnsureSuccessStatusCode();
        (await doctor.GetAsync($"/fhir/Immunization?patient={person.Value}")).EnsureSuccessStatusCode();
        var job = fixture.App.Services.GetRequiredService<AccessDigestJob>();

        // The job of tomorrow morning tells of today.
        var summary = await job.RunAsync(TodayInParis.AddDays(1), CancellationToken.None);
        await job.RunAsync(TodayInParis.AddDays(1), CancellationToken.None);
        await Eventually.HoldsAsync(() => Task.FromResult(fixture.Smtp.Messages.Any(m => m.To.Mailboxes.Any(b => b.Address == address))), TimeSpan.FromSeconds(20), "the digest e-mail");

        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE kind = 'AccessDigest' AND email = @a", ("a", address))).Should().Be(1, "a second run of the day adds nothing");
        var digest = fixture.Smtp.Messages.Where(m => m.To.Mailboxes.Any(b => b.Address == address)).Should().ContainSingle().Which;
        digest.Subject.Should().Be("Les accès à votre profil Mon espace santé");
        digest.TextBody.Should().Contain($"Un professionnel de santé (RPPS {Doctor})").And.Contain("2 accès").And.NotContainAny("document", "Immunization", "vaccination", person.Value);
        summary.Should().MatchRegex("^[0-9]+ digests, [0-9]+ lines, for ");
    }

    [Fact]
    public async Task A_person_who_turned_the_digest_off_gets_none_and_a_minors_confidential_lines_stay_out()
    {
        var quiet = await fixture.OpenSpaceAsync();
        var quietAddress = await PersonWithEmailAsync(quiet, "quiet");
        (await fixture.App.PatientClient(quiet).PutAsJsonAsync("/api/v1/me/contact/preferences/AccessDigest", new { preference = "Off" })).EnsureSuccessStatusCode();
        var minor = await fixture.OpenSpaceAsync(TestIns.Born(DateTime.UtcNow.Year - 15, 3, 2));
        var minorAddress = await PersonWithEmailAsync(minor, "minor");
        var doctor = fixture.App.ProfessionalClient(Doctor);
        (await doctor.GetAsync($"/fhir/DocumentReference?patient={quiet.Value}")).EnsureSuccessStatusCode();
        await fixture.Database.ExecuteAsync(
            "INSERT INTO mes_access_history (ins, actor_role, actor_id, action, resource, how, minor_only) VALUES (@ins, 'Professional', @rpps, 'read', 'document x', 'fhir', true)",
            ("ins", minor.Value), ("rpps", Doctor));

        var summary = await fixture.App.Services.GetRequiredService<AccessDigestJob>().RunAsync(TodayInParis.AddDays(1), CancellationToken.None);

        // The job has written every notice it owes when it returns: none for these two.
        summary.Should().NotStartWith("0 digests", "the quiet person was accessed: the job saw them and wrote nothing");
        (await fixture.CountAsync("SELECT count(*) FROM mes_outbox WHERE kind = 'AccessDigest' AND email IN (@a, @b)", ("a", quietAddress), ("b", minorAddress))).Should().Be(0);
    }
}
