using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MonEspaceSante.Interfaces.Inbox;
using MonEspaceSante.Tests.Agenda;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>
/// Versions as R4 defines them: every read carries <c>meta.versionId</c>, <c>meta.lastUpdated</c> and the matching
/// <c>ETag</c> and <c>Last-Modified</c>; a change makes a new version; an update conditioned by <c>If-Match</c> on
/// another version is a 412 that changes nothing.
/// </summary>
[Collection(HealthSpaceCollection.Name)]
public sealed class FhirVersionTests(HealthSpaceFixture fixture)
{
    [Fact]
    public async Task Every_read_carries_its_version_and_last_change()
    {
        var space = await MatrixSpace.CreateAsync(fixture, refuseBreakGlass: false);
        var person = space.Person.Value;
        var holder = fixture.App.PatientClient(space.Person);
        var doctor = fixture.App.ProfessionalClient(MatrixSpace.Doctor);
        var message = $"{space.ConversationId}-1";

        foreach (var (client, path) in new[]
        {
            (holder, $"/fhir/Patient/{person}"),
            (holder, $"/fhir/Observation/{space.ObservationId}"),
            (holder, $"/fhir/DocumentReference/{space.DocumentId}"),
            (doctor, $"/fhir/Appointment/{space.AppointmentId}?patient={person}"),
            (holder, $"/fhir/Communication/{message}"),
            (doctor, $"/fhir/Communication/{message}?patient={person}"),
        })
        {
            var (version, lastUpdated) = await ReadVersionAsync(client, path);
            version.Should().NotBeNullOrEmpty(path);
            lastUpdated.Should().BeAfter(DateTimeOffset.UnixEpoch, path);
        }

        var binary = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Binary/{space.DocumentId}");
        binary.Headers.Accept.ParseAdd("application/fhir+json");
        (await ReadVersionAsync(holder, binary)).Version.Should().Be("1");
        var raw = await holder.GetAsync($"/fhir/Binary/{space.DocumentId}");
        raw.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        raw.Headers.ETag!.Tag.Should().Be("\"1\"");
        raw.Content.Headers.LastModified.Should().NotBeNull();

        using var consents = JsonDocument.Parse(await holder.GetStringAsync($"/fhir/Consent?patient={person}"));
        var versions = consents.RootElement.GetProperty("entry").EnumerateArray()
            .Select(e => e.GetProperty("resource").GetProperty("meta").GetProperty("versionId").GetString()).ToList();
        versions.Should().NotBeEmpty().And.OnlyContain(v => !string.IsNullOrEmpty(v));
    }

    [Fact]
    public async Task A_document_changes_version_when_masked_and_a_message_read_by_id_marks_nothing_read()
    {
        var space = await MatrixSpace.CreateAsync(fixture, refuseBreakGlass: false);
        var holder = fixture.App.PatientClient(space.Person);
        var path = $"/fhir/DocumentReference/{space.DocumentId}";
        var (first, deposited) = await ReadVersionAsync(holder, path);
        first.Should().Be("1");

        (await holder.PutAsJsonAsync($"/api/v1/me/documents/{space.DocumentId}/masked", new { masked = true })).EnsureSuccessStatusCode();
        var (version, lastUpdated) = await ReadVersionAsync(holder, path);
        version.Should().Be("2");
        lastUpdated.Should().BeOnOrAfter(deposited, "the masking is its last change");

        (await holder.GetAsync($"/fhir/Communication/{space.ConversationId}-1")).EnsureSuccessStatusCode();
        (await holder.GetFromJsonAsync<InboxOverview>("/api/v1/me/inbox"))!.TotalUnread.Should().Be(1, "a FHIR read by id is not the person opening the conversation");
        var stranger = fixture.App.ProfessionalClient("10000000009");
        var foreign = await stranger.GetAsync($"/fhir/Communication/{space.ConversationId}-1?patient={space.Person.Value}");

        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound, "another professional's conversation answers as one that does not exist");
        (await foreign.Content.ReadAsStringAsync()).Should().Contain("OperationOutcome").And.NotContain("Voici le bilan");
        (await holder.GetAsync($"/fhir/Communication/{space.ConversationId}-9")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_update_on_another_version_is_refused_with_412_and_changes_nothing()
    {
        var space = await MatrixSpace.CreateAsync(fixture, refuseBreakGlass: false);
        var doctor = fixture.App.ProfessionalClient(MatrixSpace.Doctor);
        var path = $"/fhir/Appointment/{space.AppointmentId}?patient={space.Person.Value}";
        var current = await doctor.GetFromJsonAsync<JsonElement>(path);
        var externalId = current.GetProperty("identifier")[0].GetProperty("value").GetString()!;
        var start = fixture.App.Clock.GetUtcNow().AddDays(12);

        var first = await PutAsync(doctor, space, externalId, start, "Premier changement", "W/\"1\"");
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        first.Headers.ETag!.ToString().Should().Be("W/\"2\"");

        var stale = await PutAsync(doctor, space, externalId, start, "Changement perdu", "W/\"1\"");
        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        var outcome = await stale.FhirBodyAsync();
        outcome.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        outcome.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("conflict");
        outcome.GetProperty("issue")[0].GetProperty("diagnostics").GetString().Should().Contain("version 2");

        var after = await doctor.GetFromJsonAsync<JsonElement>(path);
        after.GetProperty("description").GetString().Should().Be("Premier changement");
        after.GetProperty("meta").GetProperty("versionId").GetString().Should().Be("2");

        (await PutAsync(doctor, space, externalId, start, "Sans condition", null)).StatusCode.Should().Be(HttpStatusCode.OK, "If-Match is optional");
        (await PutAsync(doctor, space, externalId, start, "Mal formé", "version-3")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient doctor, MatrixSpace space, string externalId, DateTimeOffset start, string title, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Appointment/{space.AppointmentId}")
        {
            Content = AgendaSamples.FhirContent(AgendaSamples.Appointment(space.Person, externalId, start, title: title, rpps: MatrixSpace.Doctor)),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return doctor.SendAsync(request);
    }

    private static Task<(string? Version, DateTimeOffset LastUpdated)> ReadVersionAsync(HttpClient client, string path) =>
        ReadVersionAsync(client, new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>The version a read names in its meta, checked against its <c>ETag</c> and <c>Last-Modified</c>.</summary>
    private static async Task<(string? Version, DateTimeOffset LastUpdated)> ReadVersionAsync(HttpClient client, HttpRequestMessage request)
    {
        var what = request.RequestUri!.ToString();
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{what}: {body}");
        using var json = JsonDocument.Parse(body);
        var meta = json.RootElement.GetProperty("meta");
        var version = meta.GetProperty("versionId").GetString();
        var lastUpdated = DateTimeOffset.Parse(meta.GetProperty("lastUpdated").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.ETag.Should().Be(new EntityTagHeaderValue($"\"{version}\"", isWeak: true), what);
        response.Content.Headers.LastModified.Should().Be(lastUpdated.AddTicks(-(lastUpdated.Ticks % TimeSpan.TicksPerSecond)), what);
        return (version, lastUpdated);
    }
}
