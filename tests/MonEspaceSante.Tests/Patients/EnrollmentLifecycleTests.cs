using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Tests.Patients;

[Trait("Category", "Unit")]
public sealed class EnrollmentLifecycleTests
{
    private static readonly DateTimeOffset NotifiedAt = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = NotifiedAt.AddDays(42);
    private static readonly EnrollmentNotice Notice = new("wave-31", NoticeChannel.Email, NotifiedAt, Deadline);

    private static PatientProfileState Notified()
    {
        var state = new PatientProfileState();
        EnrollmentLifecycle.Notify(state, Notice, NotifiedAt).Outcome.Should().Be(NotifyOutcome.Notified);
        return state;
    }

    [Fact]
    public void A_new_person_is_not_notified_and_may_oppose()
    {
        var view = EnrollmentLifecycle.Describe(new PatientProfileState(), NotifiedAt);

        view.Status.Should().Be(EnrollmentStatus.NotNotified);
        view.CanOppose.Should().BeTrue();
    }

    [Fact]
    public void Notice_records_wave_channel_and_deadline()
    {
        var view = EnrollmentLifecycle.Describe(Notified(), NotifiedAt.AddDays(1));

        view.Status.Should().Be(EnrollmentStatus.Notified);
        view.Notice.Should().Be(Notice);
        view.CanOppose.Should().BeTrue();
    }

    [Fact]
    public void Same_wave_notice_twice_changes_nothing()
    {
        var state = Notified();

        var (changed, outcome) = EnrollmentLifecycle.Notify(state, Notice with { NotifiedAt = NotifiedAt.AddHours(1) }, NotifiedAt.AddHours(1));

        changed.Should().BeFalse();
        outcome.Should().Be(NotifyOutcome.AlreadyNotified);
        state.Notice!.NotifiedAt.Should().Be(NotifiedAt);
    }

    [Fact]
    public void Another_wave_does_not_renotify_a_notified_person()
    {
        var state = Notified();

        var (changed, outcome) = EnrollmentLifecycle.Notify(state, Notice with { WaveId = "wave-32" }, NotifiedAt.AddDays(2));

        changed.Should().BeFalse();
        outcome.Should().Be(NotifyOutcome.NotifiedByAnotherWave);
        state.Notice!.WaveId.Should().Be("wave-31");
    }

    [Fact]
    public void Opposed_active_and_closed_people_are_left_unchanged_by_a_wave()
    {
        var opposed = new PatientProfileState();
        EnrollmentLifecycle.Oppose(opposed, OppositionSource.Patient, NotifiedAt);
        var active = new PatientProfileState();
        EnrollmentLifecycle.Activate(active, NotifiedAt);
        var closed = new PatientProfileState();
        EnrollmentLifecycle.Activate(closed, NotifiedAt);
        EnrollmentLifecycle.Close(closed, NotifiedAt);

        EnrollmentLifecycle.Notify(opposed, Notice, NotifiedAt).Should().Be((false, NotifyOutcome.AlreadyOpposed));
        EnrollmentLifecycle.Notify(active, Notice, NotifiedAt).Should().Be((false, NotifyOutcome.AlreadyActive));
        EnrollmentLifecycle.Notify(closed, Notice, NotifiedAt).Should().Be((false, NotifyOutcome.AlreadyClosed));
        opposed.Status.Should().Be(EnrollmentStatus.Opposed);
        active.Status.Should().Be(EnrollmentStatus.Active);
        closed.Status.Should().Be(EnrollmentStatus.Closed);
    }

    [Fact]
    public void A_notice_whose_deadline_precedes_it_is_refused()
    {
        var act = () => EnrollmentLifecycle.Notify(new PatientProfileState(), Notice with { OppositionDeadline = NotifiedAt }, NotifiedAt);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("oppositionDeadline");
    }

    [Fact]
    public void Opposition_before_the_deadline_is_recorded()
    {
        var state = Notified();
        var at = Deadline.AddSeconds(-1);

        EnrollmentLifecycle.Oppose(state, OppositionSource.Operator, at).Should().BeTrue();

        state.Status.Should().Be(EnrollmentStatus.Opposed);
        state.OpposedAt.Should().Be(at);
        state.OpposedBy.Should().Be(OppositionSource.Operator);
    }

    [Fact]
    public void Opposed_patient_is_not_activated_at_deadline()
    {
        var state = Notified();
        EnrollmentLifecycle.Oppose(state, OppositionSource.Patient, NotifiedAt.AddDays(3));

        EnrollmentLifecycle.ResolveDeadline(state, Deadline.AddDays(30)).Should().BeFalse();

        state.Status.Should().Be(EnrollmentStatus.Opposed);
    }

    [Fact]
    public void Silent_patient_is_opened_automatically_at_the_deadline()
    {
        var state = Notified();

        EnrollmentLifecycle.ResolveDeadline(state, Deadline).Should().BeTrue();

        state.Status.Should().Be(EnrollmentStatus.Active);
        state.ActivationMode.Should().Be(ActivationMode.Automatic);
        state.ActivatedAt.Should().Be(Deadline);
    }

    [Fact]
    public void Opposition_after_the_deadline_is_a_conflict_that_points_to_closure()
    {
        var state = Notified();

        var act = () => EnrollmentLifecycle.Oppose(state, OppositionSource.Patient, Deadline.AddMinutes(1));

        act.Should().Throw<StateConflictException>().WithMessage("*deadline has passed*open*closed*");
        state.Status.Should().Be(EnrollmentStatus.Active);
    }

    [Fact]
    public void A_person_may_activate_after_opposing()
    {
        var state = Notified();
        EnrollmentLifecycle.Oppose(state, OppositionSource.Patient, NotifiedAt.AddDays(1));

        EnrollmentLifecycle.Activate(state, NotifiedAt.AddDays(2)).Should().BeTrue();

        state.Status.Should().Be(EnrollmentStatus.Active);
        state.ActivationMode.Should().Be(ActivationMode.Self);
        state.ActivatedAt.Should().Be(NotifiedAt.AddDays(2));
    }

    [Fact]
    public void A_person_never_notified_may_activate()
    {
        var state = new PatientProfileState();

        EnrollmentLifecycle.Activate(state, NotifiedAt).Should().BeTrue();

        state.Status.Should().Be(EnrollmentStatus.Active);
        state.ActivationMode.Should().Be(ActivationMode.Self);
    }

    [Fact]
    public void Activating_an_active_space_changes_nothing()
    {
        var state = new PatientProfileState();
        EnrollmentLifecycle.Activate(state, NotifiedAt);

        EnrollmentLifecycle.Activate(state, NotifiedAt.AddDays(1)).Should().BeFalse();

        state.ActivatedAt.Should().Be(NotifiedAt);
    }

    [Fact]
    public void Self_activated_space_cannot_be_opposed()
    {
        var state = Notified();
        EnrollmentLifecycle.Activate(state, NotifiedAt.AddDays(1));

        var act = () => EnrollmentLifecycle.Oppose(state, OppositionSource.Patient, NotifiedAt.AddDays(2));

        act.Should().Throw<StateConflictException>().WithMessage("*can be closed*");
    }

    [Fact]
    public void Closing_archives_for_ten_years()
    {
        var state = new PatientProfileState();
        EnrollmentLifecycle.Activate(state, NotifiedAt);
        var at = NotifiedAt.AddDays(100);

        EnrollmentLifecycle.Close(state, at).Should().BeTrue();

        state.Status.Should().Be(EnrollmentStatus.Closed);
        state.ClosedAt.Should().Be(at);
        state.ArchivedUntil.Should().Be(at + TimeSpan.FromDays(3653));
    }

    [Fact]
    public void Closing_twice_changes_nothing()
    {
        var state = new PatientProfileState();
        EnrollmentLifecycle.Activate(state, NotifiedAt);
        EnrollmentLifecycle.Close(state, NotifiedAt.AddDays(1));

        EnrollmentLifecycle.Close(state, NotifiedAt.AddDays(2)).Should().BeFalse();

        state.ClosedAt.Should().Be(NotifiedAt.AddDays(1));
    }

    [Fact]
    public void Only_an_open_space_can_be_closed()
    {
        var act = () => EnrollmentLifecycle.Close(new PatientProfileState(), NotifiedAt);
        var beforeDeadline = () => EnrollmentLifecycle.Close(Notified(), NotifiedAt.AddDays(1));

        act.Should().Throw<StateConflictException>().WithMessage("Only an open space can be closed.");
        beforeDeadline.Should().Throw<StateConflictException>().WithMessage("*oppose before the deadline*");
    }

    [Fact]
    public void Reopening_within_the_archive_period_restores_the_space()
    {
        var state = new PatientProfileState();
        EnrollmentLifecycle.Activate(state, NotifiedAt);
        EnrollmentLifecycle.Close(state, NotifiedAt.AddDays(1));

        EnrollmentLifecycle.Activate(state, NotifiedAt.AddYears(3)).Should().BeTrue();

        state.Status.Should().Be(EnrollmentStatus.Active);
        state.ActivationMode.Should().Be(ActivationMode.Reopened);
        state.ClosedAt.Should().BeNull();
        state.ArchivedUntil.Should().BeNull();
    }

    [Fact]
    public void Activating_after_the_archive_period_opens_a_new_space()
    {
        var state = new PatientProfileState();
        EnrollmentLifecycle.Activate(state, NotifiedAt);
        EnrollmentLifecycle.Close(state, NotifiedAt.AddDays(1));

        EnrollmentLifecycle.Activate(state, NotifiedAt.AddYears(11));

        state.ActivationMode.Should().Be(ActivationMode.Self);
    }

    [Fact]
    public void A_closed_space_cannot_be_opposed()
    {
        var state = new PatientProfileState();
        EnrollmentLifecycle.Activate(state, NotifiedAt);
        EnrollmentLifecycle.Close(state, NotifiedAt.AddDays(1));

        var act = () => EnrollmentLifecycle.Oppose(state, OppositionSource.Patient, NotifiedAt.AddDays(2));

        act.Should().Throw<StateConflictException>().WithMessage("*closed*");
    }
}
