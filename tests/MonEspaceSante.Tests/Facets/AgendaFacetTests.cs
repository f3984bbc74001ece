using MonEspaceSante.Grains.Agenda;
using MonEspaceSante.Grains.Profile;
using MonEspaceSante.Interfaces.Agenda;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The agenda facet on its own: the real access policy, the state in memory, no silo.</summary>
[Trait("Category", "Unit")]
public sealed class AgendaFacetTests
{
    private readonly TestSpace space;
    private readonly HeldFacetState<AgendaState> state = new();
    private readonly AgendaFacet agenda;

    public AgendaFacetTests()
    {
        space = new TestSpace(TestIns.Born(1980, 3, 2));
        agenda = new AgendaFacet(state, space, new MedicalProfileFacet(new HeldFacetState<MedicalProfileState>(), space, _ => Task.FromResult(true)));
    }

    private AgendaDraft Draft(string? externalId, string title = "Cardiologie", int inDays = 10) => new(
        AgendaKind.Appointment, title, null, space.Now.AddDays(inDays), space.Now.AddDays(inDays).AddHours(1), null, null, null, AgendaStatus.Booked, externalId, externalId is null ? null : "urn:test:booking");

    [Fact]
    public async Task A_resend_with_the_same_external_id_updates_the_entry_in_place_and_an_unchanged_one_writes_nothing()
    {
        var booking = Callers.App("agenda-app");
        space.AppHolds = (app, scope) => app == "agenda-app" && scope == "agenda.write";

        var created = await agenda.SaveAsync(booking, Draft("rdv-1"));
        var moved = await agenda.SaveAsync(booking, Draft("rdv-1", "Cardiologie (déplacé)", inDays: 12));
        var writes = state.Writes;
        var again = await agenda.SaveAsync(booking, Draft("rdv-1", "Cardiologie (déplacé)", inDays: 12));

        created.Created.Should().BeTrue();
        moved.Created.Should().BeFalse();
        moved.Entry.Id.Should().Be(created.Entry.Id);
        moved.Entry.Version.Should().Be(2);
        moved.Entry.Start.Should().Be(space.Now.AddDays(12));
        again.Entry.Should().Be(moved.Entry);
        state.Writes.Should().Be(writes, "a resend that changes nothing writes nothing");
        state.State.Entries.Should().ContainSingle();
        space.History.Select(h => h.Resource).Should().Equal($"appointment {created.Entry.Id}", $"appointment {created.Entry.Id}", $"appointment {created.Entry.Id}");
    }

    [Fact]
    public async Task Only_the_source_of_an_entry_changes_or_cancels_it()
    {
        var entry = (await agenda.SaveAsync(Callers.Holder(space.Person), Draft(null))).Entry;
        space.AppHolds = (_, scope) => scope == "agenda.write";

        var byApp = () => agenda.CancelAsync(Callers.App("agenda-app"), entry.Id);

        await byApp.Should().ThrowAsync<AccessDeniedException>().WithMessage("Only the source of an appointment*");
        (await agenda.CancelAsync(Callers.Holder(space.Person), entry.Id)).Status.Should().Be(AgendaStatus.Cancelled);
    }

    [Fact]
    public async Task A_professional_reads_the_agenda_without_the_person_s_prevention_reminders_and_is_recorded()
    {
        await agenda.SaveAsync(Callers.Holder(space.Person), Draft(null));

        var holder = await agenda.GetAgendaAsync(Callers.Holder(space.Person), AgendaWhen.Upcoming, 50, null);
        var physician = await agenda.GetAgendaAsync(Callers.Physician(), AgendaWhen.Upcoming, 50, null);

        holder.Reminders.Should().NotBeEmpty("a woman of 46 is due the cervical screening");
        physician.Entries.Should().BeEquivalentTo(holder.Entries);
        physician.Reminders.Should().BeEmpty();
        space.History.Should().ContainSingle().Which.Resource.Should().Be("agenda (upcoming)");
    }

    [Fact]
    public async Task Nothing_is_written_to_the_agenda_of_a_space_that_is_not_open()
    {
        space.Open = false;

        var save = () => agenda.SaveAsync(Callers.Holder(space.Person), Draft(null));

        await save.Should().ThrowAsync<StateConflictException>().WithMessage("The space is not open*");
        state.Writes.Should().Be(0);
    }

    [Fact]
    public async Task Only_the_person_turns_prevention_reminders_off_and_then_they_are_not_shown()
    {
        var byPhysician = () => agenda.SetPreventionAsync(Callers.Physician(), false);

        await byPhysician.Should().ThrowAsync<AccessDeniedException>();
        (await agenda.SetPreventionAsync(Callers.Holder(space.Person), false)).Enabled.Should().BeFalse();
        var page = await agenda.GetAgendaAsync(Callers.Holder(space.Person), AgendaWhen.Upcoming, 50, null);

        page.PreventionEnabled.Should().BeFalse();
        page.Reminders.Should().BeEmpty();
        state.Writes.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_write_is_reported_to_the_caller_and_the_entry_is_not_acknowledged()
    {
        state.FailNextWrite = true;

        var save = () => agenda.SaveAsync(Callers.Holder(space.Person), Draft(null));

        await save.Should().ThrowAsync<TimeoutException>();
        state.Writes.Should().Be(0);
    }

    [Fact]
    public async Task Prevention_settings_and_refusals_are_the_holder_sides_only()
    {
        await agenda.RefuseKindAsync(Callers.Holder(space.Person), PreventionCategory.Vaccination, refused: true);

        (await agenda.GetPreventionAsync(Callers.Holder(space.Person))).RefusedKinds.Should().Equal(PreventionCategory.Vaccination);
        await FluentActions.Awaiting(() => agenda.GetPreventionAsync(Callers.Physician())).Should().ThrowAsync<AccessDeniedException>();
        await FluentActions.Awaiting(() => agenda.SetPreventionAsync(Callers.Physician(), false)).Should().ThrowAsync<AccessDeniedException>();
        (await agenda.SetPreventionAsync(Callers.Holder(space.Person), false)).Enabled.Should().BeFalse();
    }
}
