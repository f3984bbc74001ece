using System.Net;
using MonEspaceSante.Api.Me;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Api;

public sealed class MySpaceTests(EmbeddedApiFixture api) : IClassFixture<EmbeddedApiFixture>
{
    [Fact]
    public async Task A_new_person_sees_a_space_not_yet_notified()
    {
        var ins = TestIns.Next();

        var space = await (await api.PatientClient(ins).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();

        space.Ins.Should().Be(ins.Value);
        space.Status.Should().Be(EnrollmentStatus.NotNotified);
        space.CanOppose.Should().BeTrue();
    }

    [Fact]
    public async Task Notified_person_opposes_then_activates_then_closes()
    {
        var ins = TestIns.Next();
        var now = api.Clock.GetUtcNow();
        await api.Grains.GetPatient(ins).NotifyAsync(new EnrollmentNotice("wave-api", NoticeChannel.Email, now, now.AddDays(42)));
        var client = api.PatientClient(ins);

        var opposed = await (await client.PostAsync("/api/v1/me/opposition", null)).ReadAsAsync<SpaceResponse>();
        var active = await (await client.PostAsync("/api/v1/me/activation", null)).ReadAsAsync<SpaceResponse>();
        var closed = await (await client.PostAsync("/api/v1/me/closure", null)).ReadAsAsync<SpaceResponse>();

        opposed.Status.Should().Be(EnrollmentStatus.Opposed);
        opposed.WaveId.Should().Be("wave-api");
        active.Status.Should().Be(EnrollmentStatus.Active);
        active.ActivationMode.Should().Be(ActivationMode.Self);
        closed.Status.Should().Be(EnrollmentStatus.Closed);
        closed.ArchivedUntil.Should().Be(now + TimeSpan.FromDays(3653));
    }

    [Fact]
    public async Task Opposing_after_the_deadline_is_a_409_that_says_the_space_is_open()
    {
        var ins = TestIns.Next();
        var now = api.Clock.GetUtcNow();
        await api.Grains.GetPatient(ins).NotifyAsync(new EnrollmentNotice("wave-late", NoticeChannel.Letter, now, now.AddDays(1)));
        api.Clock.Advance(TimeSpan.FromDays(2));

        var response = await api.PatientClient(ins).PostAsync("/api/v1/me/opposition", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).Should().Contain("the space is open").And.Contain("closed");
        var space = await (await api.PatientClient(ins).GetAsync("/api/v1/me")).ReadAsAsync<SpaceResponse>();
        space.Status.Should().Be(EnrollmentStatus.Active);
        space.ActivationMode.Should().Be(ActivationMode.Automatic);
    }
}
