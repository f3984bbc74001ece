using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The enrollment facet with the real outbox on PostgreSQL, without a silo.</summary>
[Collection(FacetStoresCollection.Name)]
public sealed class EnrollmentFacetTests(FacetStores stores)
{
    private readonly TestSpace space = new(TestIns.Next());
    private readonly HeldFacetState<PatientProfileState> profile = new();

    private EnrollmentFacet Facet() => new(profile, stores.Effects, space.Person, space.Clock);

    private WaveNoticeEvent Notice(string wave) => new(wave, NoticeChannel.Email, "jeanne@example.fr", null, space.Now, space.Now.AddDays(42));

    /// <summary>A facet whose person was notified by a fresh wave, and that wave.</summary>
    private async Task<(EnrollmentFacet Enrollment, string Wave)> NotifiedAsync()
    {
        var enrollment = Facet();
        await profile.LoadAsync();
        var wave = $"w-{Guid.NewGuid():N}";
        await enrollment.ApplyAsync(Notice(wave));
        return (enrollment, wave);
    }

    private Task<long> OutboxAsync(string key) => stores.CountAsync("SELECT count(*) FROM mes_outbox WHERE dedup_key = @key", ("key", key));

    [Fact]
    public async Task A_replayed_notice_changes_nothing_and_its_announcement_stays_single()
    {
        var (enrollment, wave) = await NotifiedAsync();

        await enrollment.ApplyAsync(Notice(wave));

        profile.State.Status.Should().Be(EnrollmentStatus.Notified);
        profile.Writes.Should().Be(1);
        enrollment.Email.Should().Be("jeanne@example.fr");
        (await OutboxAsync($"announce:{wave}:{space.Person.Value}")).Should().Be(1);
    }

    [Fact]
    public async Task A_notice_whose_state_could_not_be_written_owes_nothing_until_it_is_delivered_again()
    {
        var enrollment = Facet();
        await profile.LoadAsync();
        var wave = $"w-{Guid.NewGuid():N}";
        profile.FailNextWrite = true;

        var first = () => enrollment.ApplyAsync(Notice(wave));

        await first.Should().ThrowAsync<TimeoutException>();
        (await OutboxAsync($"announce:{wave}:{space.Person.Value}")).Should().Be(0, "effects follow the state, never precede it");
        await enrollment.ApplyAsync(Notice(wave));
        (await OutboxAsync($"announce:{wave}:{space.Person.Value}")).Should().Be(1);
    }

    [Fact]
    public async Task The_first_call_after_the_deadline_opens_the_space_and_owes_the_space_opened_notice()
    {
        var (enrollment, wave) = await NotifiedAsync();
        space.Clock.Advance(TimeSpan.FromDays(43));

        var view = await enrollment.GetSpaceAsync();

        view.Status.Should().Be(EnrollmentStatus.Active);
        (await enrollment.IsOpenAsync()).Should().BeTrue();
        (await OutboxAsync($"opened:{wave}:{space.Person.Value}")).Should().Be(1);
    }

    [Fact]
    public async Task A_person_who_opposed_is_not_opened_at_the_deadline()
    {
        var (enrollment, wave) = await NotifiedAsync();
        await enrollment.OpposeAsync(OppositionSource.Patient);
        space.Clock.Advance(TimeSpan.FromDays(43));

        await enrollment.ApplyAsync(new WaveDeadlineEvent(wave));

        (await enrollment.IsOpenAsync()).Should().BeFalse();
        (await OutboxAsync($"opened:{wave}:{space.Person.Value}")).Should().Be(0);
    }
}
