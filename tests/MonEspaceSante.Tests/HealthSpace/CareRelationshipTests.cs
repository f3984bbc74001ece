using System.Net;
using System.Net.Http.Json;
using MonEspaceSante.Grains.Controls;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Controls;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>
/// A professional's first access to a person needs the care relationship declared (the person agreed, as the
/// professional's software states); it then holds for <c>HealthSpace:CareRelationshipValidity</c>, shows in the
/// person's controls, and the person may end it. Emergency and break-glass keep their own flagged paths.
/// </summary>
public sealed class CareRelationshipTests : IAsyncLifetime
{
    private const string Doctor = "10001234567";
    private readonly ApiFactory app = new() { Settings = new Dictionary<string, string> { ["HealthSpace:CareRelationshipValidity"] = "30.00:00:00" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_first_access_needs_the_relationship_declared_then_it_holds_for_its_period_and_the_person_may_end_it()
    {
        var person = TestIns.Next();
        var holder = app.PatientClient(person);
        (await holder.PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        var undeclared = app.ProfessionalClient(Doctor, declaresCare: false);
        var declaring = app.ProfessionalClient(Doctor);
        var search = $"/fhir/Observation?patient={person.Value}";

        var first = await undeclared.GetAsync(search);
        var declared = await declaring.GetAsync(search);
        var later = await undeclared.GetAsync(search);
        var listed = await holder.GetFromJsonAsync<SpaceControls>("/api/v1/me/controls", Json.Options);
        app.Clock.Advance(TimeSpan.FromDays(31));
        var lapsed = await undeclared.GetAsync(search);
        var renewed = await declaring.GetAsync(search);
        var ended = await holder.DeleteAsync($"/api/v1/me/controls/care-relationships/{Doctor}");
        var afterEnd = await undeclared.GetAsync(search);
        var emergency = await app.ProfessionalClient("10002222222", mode: "emergency").GetAsync(search);
        var history = await holder.GetFromJsonAsync<AccessHistoryPage>("/api/v1/me/access-history", Json.Options);

        first.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await first.Content.ReadAsStringAsync()).Should().Contain(SpacePolicy.ProfessionalRefusal, "the same answer as for a person without a space");
        declared.StatusCode.Should().Be(HttpStatusCode.OK);
        later.StatusCode.Should().Be(HttpStatusCode.OK, "the relationship holds without declaring it again");
        listed!.CareRelationships.Should().ContainSingle().Which.Rpps.Should().Be(Doctor);
        (listed.CareRelationships[0].Until - listed.CareRelationships[0].DeclaredAt).Should().Be(TimeSpan.FromDays(30));
        lapsed.StatusCode.Should().Be(HttpStatusCode.Forbidden, "past its period the relationship needs declaring again");
        renewed.StatusCode.Should().Be(HttpStatusCode.OK);
        ended.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ended.ReadAsAsync<SpaceControls>()).CareRelationships.Should().BeEmpty();
        afterEnd.StatusCode.Should().Be(HttpStatusCode.Forbidden, "an ended relationship lets nobody in");
        emergency.StatusCode.Should().Be(HttpStatusCode.OK, "emergency access needs no declared relationship, and is flagged");
        history!.Records.Where(r => r.ActorId == Doctor && r.Action == "read").Select(r => r.How).Reverse().Should().Equal(
            "fhir, care relationship declared", "fhir", "fhir, care relationship declared");
        history.Records.Should().Contain(r => r.ActorId == "10002222222" && r.How == "fhir, emergency");
    }

    [Fact]
    public async Task Only_a_professional_declares_and_only_with_the_documented_value()
    {
        var person = TestIns.Next();
        var patient = app.PatientClient(person);
        patient.DefaultRequestHeaders.Add("X-Care-Relationship", "patient-agreed");
        var badValue = app.ProfessionalClient(Doctor, declaresCare: false);
        badValue.DefaultRequestHeaders.Add("X-Care-Relationship", "yes");

        var byPatient = await patient.GetAsync("/api/v1/me");
        var unknown = await badValue.GetAsync($"/fhir/Observation?patient={person.Value}");

        byPatient.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await byPatient.Content.ReadAsStringAsync()).Should().Contain("X-Care-Relationship");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("patient-agreed");
    }

    [Fact]
    public void The_policy_admits_a_declared_or_valid_relationship_and_urgent_modes_and_refuses_the_rest_alike()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var matrix = new ProfessionMatrixOptions { ProfessionMatrix = new(StringComparer.Ordinal) { ["10"] = ["*"] }, CareRelationshipValidity = TimeSpan.FromDays(365) };
        SpaceGrant Decide(bool declares, DateTimeOffset? declaredAt, AccessMode mode = AccessMode.Standard, bool open = true)
        {
            var controls = new ControlsState();
            if (declaredAt is { } at)
            {
                controls.CareRelationships[Doctor] = at;
            }

            var accessor = new Accessor(AccessorRole.Professional, Doctor, "fhir", "10", mode, DeclaresCare: declares);
            return SpacePolicy.Decide(new SpaceRequest(accessor, TestIns.Next(), SpaceBrick.Documents, SpaceAction.Read, open, controls, matrix, _ => false, now));
        }

        Decide(declares: true, declaredAt: null).DeclaresCare.Should().BeTrue("the first access records the relationship");
        Decide(declares: true, declaredAt: now.AddDays(-10)).DeclaresCare.Should().BeFalse("a valid relationship is not recorded again");
        Decide(declares: false, declaredAt: now.AddDays(-364)).Viewer.Should().Be(SpaceViewer.Professional);
        Decide(declares: true, declaredAt: now.AddDays(-366)).DeclaresCare.Should().BeTrue("a lapsed relationship is renewed");
        Decide(declares: false, declaredAt: null, mode: AccessMode.BreakGlass).DeclaresCare.Should().BeFalse();
        Decide(declares: false, declaredAt: null, mode: AccessMode.Emergency).Viewer.Should().Be(SpaceViewer.Professional);
        var refusals = new Func<SpaceGrant>[]
        {
            () => Decide(declares: false, declaredAt: null),
            () => Decide(declares: false, declaredAt: now.AddDays(-366)),
            () => Decide(declares: true, declaredAt: null, open: false),
        };
        refusals.Select(r => r.Should().Throw<AccessDeniedException>().Which.Message).Distinct().Should().Equal([SpacePolicy.ProfessionalRefusal],
            "no relationship, a lapsed one and no open space sound alike");
    }
}
