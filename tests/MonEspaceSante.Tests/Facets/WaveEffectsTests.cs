using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Tests.Facets;

/// <summary>Which notices a wave owes a person, from their profile before and after a change.</summary>
[Trait("Category", "Unit")]
public sealed class WaveEffectsTests
{
    private static readonly DateTimeOffset NotifiedAt = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private const string Ins = "185027512345625";

    private static PatientProfileState Notified(string wave) => new()
    {
        Status = EnrollmentStatus.Notified,
        Notice = new EnrollmentNotice(wave, NoticeChannel.Letter, NotifiedAt, NotifiedAt.AddDays(42)),
        Channel = NoticeChannel.Letter,
        PostalAddress = "1 place du Capitole, 31000 Toulouse",
    };

    /// <summary>A person notified by wave w1 whose space then opened by <paramref name="mode"/>, and their profile before it opened.</summary>
    private static (PatientProfileState State, Snapshot Before) Opened(ActivationMode mode)
    {
        var state = Notified("w1");
        var before = Snapshot.Of(state);
        state.Status = EnrollmentStatus.Active;
        state.ActivationMode = mode;
        return (state, before);
    }

    [Fact]
    public void A_first_notice_owes_the_announcement_to_the_address_the_wave_gave()
    {
        var owed = WaveEffects.NoticesOwed(Notified("w1"), new Snapshot(EnrollmentStatus.NotNotified, null, null), force: false, "w1", Ins);

        owed.Should().ContainSingle().Which.Should().Be(new OutboxNotice(
            $"announce:w1:{Ins}", NoticeKind.OpeningAnnouncement, NoticeChannel.Letter, null, "1 place du Capitole, 31000 Toulouse", "w1", NotifiedAt.AddDays(42))
        {
            PersonKey = InsMask.Mask(Ins),
        });
    }

    [Fact]
    public void A_change_that_did_not_notify_or_open_owes_nothing_unless_replayed()
    {
        var state = Notified("w1");
        var before = Snapshot.Of(state);

        WaveEffects.NoticesOwed(state, before, force: false, "w1", Ins).Should().BeEmpty();
        WaveEffects.NoticesOwed(state, before, force: true, "w1", Ins).Select(n => n.Kind).Should().Equal(NoticeKind.OpeningAnnouncement);
    }

    [Fact]
    public void An_automatic_opening_owes_the_space_opened_notice_and_a_replay_both()
    {
        var (state, before) = Opened(ActivationMode.Automatic);

        WaveEffects.NoticesOwed(state, before, force: false, "w1", Ins).Select(n => n.DedupKey).Should().Equal($"opened:w1:{Ins}");
        WaveEffects.NoticesOwed(state, Snapshot.Of(state), force: true, "w1", Ins).Select(n => n.Kind)
            .Should().Equal(NoticeKind.OpeningAnnouncement, NoticeKind.SpaceOpened);
    }

    [Fact]
    public void A_person_who_opened_their_space_themself_is_owed_no_space_opened_notice()
    {
        var (state, before) = Opened(ActivationMode.Self);

        WaveEffects.NoticesOwed(state, before, force: true, "w1", Ins).Select(n => n.Kind).Should().Equal(NoticeKind.OpeningAnnouncement);
    }

    [Fact]
    public void An_event_of_another_wave_owes_nothing_for_this_one()
    {
        WaveEffects.NoticesOwed(Notified("w1"), default, force: true, "w2", Ins).Should().BeEmpty();
    }
}
