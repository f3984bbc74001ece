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

    private EnrollmentFacet Facet() => new(profile, stores.Effects, stores.Erasure, space.Person, space.Clock);

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

    [Fact]
    public async Task Closing_schedules_the_erasure_at_the_archives_end_a_request_brings_it_a_month_near_and_reopening_cancels_it()
    {
        var enrollment = Facet();
        await profile.LoadAsync();
        await enrollment.ActivateAsync();
        var closed = await enrollment.CloseAsync();
        closed.ErasureDueAt.Should().Be(closed.ArchivedUntil).And.Be(space.Now + EnrollmentLifecycle.ArchivePeriod);
        (await DueAsync()).Should().Be(closed.ArchivedUntil);

        space.Clock.Advance(TimeSpan.FromDays(2));
        var requested = await enrollment.RequestErasureAsync();
        requested.ErasureRequestedAt.Should().Be(space.Now);
        requested.ErasureDueAt.Should().Be(space.Now + EnrollmentLifecycle.ErasureRequestDelay);
        (await DueAsync()).Should().Be(requested.ErasureDueAt);
        space.Clock.Advance(TimeSpan.FromDays(1));
        (await enrollment.RequestErasureAsync()).ErasureDueAt.Should().Be(requested.ErasureDueAt, "asking again keeps the first request");

        var withdrawn = await enrollment.WithdrawErasureAsync();
        withdrawn.ErasureRequestedAt.Should().BeNull();
        (await DueAsync()).Should().Be(closed.ArchivedUntil);
        enrollment.ErasureDue().Should().Be(closed.ArchivedUntil);

        await enrollment.RequestErasureAsync();
        var reopened = await enrollment.ActivateAsync();
        reopened.ErasureDueAt.Should().BeNull();
        reopened.ErasureRequestedAt.Should().BeNull();
        (await DueAsync()).Should().BeNull("a reopened space is not erased");
        enrollment.ErasureDue().Should().BeNull();
    }

    [Fact]
    public async Task An_open_space_whose_holder_asks_for_erasure_is_closed_first_and_one_never_opened_cannot_be_erased()
    {
        var enrollment = Facet();
        await profile.LoadAsync();
        await FluentActions.Awaiting(enrollment.RequestErasureAsync).Should().ThrowAsync<MonEspaceSante.Interfaces.Errors.StateConflictException>();
        (await DueAsync()).Should().BeNull();

        await enrollment.ActivateAsync();
        var view = await enrollment.RequestErasureAsync();

        view.Status.Should().Be(EnrollmentStatus.Closed);
        view.ErasureDueAt.Should().Be(space.Now + EnrollmentLifecycle.ErasureRequestDelay);
        (await DueAsync()).Should().Be(view.ErasureDueAt);
    }

    private async Task<DateTimeOffset?> DueAsync()
    {
        await using var command = stores.Database.CreateCommand("SELECT due_at FROM mes_erasure_due WHERE ins = @ins");
        command.Parameters.AddWithValue("ins", space.Person.Value);
        return await command.ExecuteScalarAsync() is DateTime due ? new DateTimeOffset(due, TimeSpan.Zero) : null;
    }
}
