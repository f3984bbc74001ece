using MonEspaceSante.Grains.Controls;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The controls facet on its own: the real access policy, the state in memory, no silo.</summary>
[Trait("Category", "Unit")]
public sealed class ControlsFacetTests
{
    private readonly HeldFacetState<ControlsState> state = new();

    [Fact]
    public async Task Blocking_twice_writes_once_and_the_blocked_list_comes_back_in_order()
    {
        var space = new TestSpace(TestIns.Next());
        var controls = new ControlsFacet(state, space, TimeSpan.FromDays(365));
        var holder = Callers.Holder(space.Person);

        await controls.SetBlockedAsync(holder, "20000000002", true);
        await controls.SetBlockedAsync(holder, "10000000001", true);
        var view = await controls.SetBlockedAsync(holder, "10000000001", true);

        view.BlockedProfessionals.Should().Equal("10000000001", "20000000002");
        state.Writes.Should().Be(2);
        space.History.Should().BeEmpty("the holder's own changes are not recorded");
    }

    [Fact]
    public async Task A_professional_neither_reads_nor_changes_the_controls()
    {
        var space = new TestSpace(TestIns.Next());
        var controls = new ControlsFacet(state, space, TimeSpan.FromDays(365));

        var read = () => controls.GetAsync(Callers.Physician());
        var refuse = () => controls.SetBreakGlassAsync(Callers.Physician(), false);

        await read.Should().ThrowAsync<AccessDeniedException>();
        await refuse.Should().ThrowAsync<AccessDeniedException>();
        state.Writes.Should().Be(0);
    }

    [Fact]
    public async Task An_operator_records_a_minor_s_representative_and_the_record_names_the_operator()
    {
        var minor = TestIns.Born(TestSpace.Start.Year - 10, 5, 1);
        var space = new TestSpace(minor);
        var controls = new ControlsFacet(state, space, TimeSpan.FromDays(365));
        var parent = TestIns.Born(1985, 2, 2);

        var count = await controls.SetRepresentativeAsync(Callers.Operator(), parent, true, "TJ Lyon 2026/0042", TestIns.BirthDateOf(minor));
        var withoutReference = () => controls.SetRepresentativeAsync(Callers.Operator(), TestIns.Born(1986, 3, 3), true, null, TestIns.BirthDateOf(minor));

        count.Should().Be(1);
        state.State.LegalRepresentatives.Should().Equal(parent.Value);
        space.History.Should().ContainSingle().Which.Should().Be((Callers.Operator(), "write", "add legal representative (reference TJ Lyon 2026/0042)"));
        (await withoutReference.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("reference");
        state.State.LegalRepresentatives.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_person_born_in_1920_is_told_from_a_child_born_in_2020_by_the_birth_date_of_the_appointing_record()
    {
        var person = TestIns.Born(2020, 3, 2);
        var space = new TestSpace(person);
        var controls = new ControlsFacet(new HeldFacetState<ControlsState>(), space, TimeSpan.FromDays(365));
        var parent = TestIns.Born(1990, 6, 1);

        var withoutDate = () => controls.SetRepresentativeAsync(Callers.Operator(), parent, true, "acte-1", null);
        var otherYear = () => controls.SetRepresentativeAsync(Callers.Operator(), parent, true, "acte-1", new DateOnly(1985, 3, 4));
        var otherMonth = () => controls.SetRepresentativeAsync(Callers.Operator(), parent, true, "acte-1", new DateOnly(2020, 7, 4));
        var born1920 = () => controls.SetRepresentativeAsync(Callers.Operator(), parent, true, "acte-1", new DateOnly(1920, 3, 4));

        (await withoutDate.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("birthDate");
        (await otherYear.Should().ThrowAsync<InvalidInputException>()).Which.Message.Should().Contain("does not agree");
        await otherMonth.Should().ThrowAsync<InvalidInputException>();
        await born1920.Should().ThrowAsync<StateConflictException>().WithMessage("This person is of age*", "the INS alone would have made them a child of six");
        SpacePolicy.IsMinor(person, space.Now).Should().BeTrue("without a record, two digits of the year read as 2020");
        SpacePolicy.IsMinor(person, space.Now, new DateOnly(1920, 3, 4)).Should().BeFalse();

        var count = await controls.SetRepresentativeAsync(Callers.Operator(), parent, true, "acte-2", new DateOnly(2020, 3, 4));
        var grant = SpacePolicy.Decide(new SpaceRequest(Callers.Holder(parent), person, SpaceBrick.Documents, SpaceAction.Read, true, controls.State, space.Matrix, _ => false, space.Now));
        controls.State.BirthDate = new DateOnly(1920, 3, 4);
        var asRepresentativeOfAnAdult = () => SpacePolicy.Decide(new SpaceRequest(Callers.Holder(parent), person, SpaceBrick.Documents, SpaceAction.Read, true, controls.State, space.Matrix, _ => false, space.Now));

        count.Should().Be(1);
        grant.Viewer.Should().Be(SpaceViewer.Representative);
        asRepresentativeOfAnAdult.Should().Throw<AccessDeniedException>().WithMessage("*of age*", "a recorded birth date decides, not the INS");
    }

    [Fact]
    public async Task Representatives_are_recorded_only_by_an_operator_only_for_a_minor_and_never_the_person_themself()
    {
        var adult = new TestSpace(TestIns.Born(1970, 1, 1));
        var minor = new TestSpace(TestIns.Born(TestSpace.Start.Year - 3, 1, 2));
        var parent = TestIns.Born(1990, 6, 1);

        var byPatient = () => new ControlsFacet(new HeldFacetState<ControlsState>(), minor, TimeSpan.FromDays(365)).SetRepresentativeAsync(Callers.Holder(minor.Person), parent, true, "ref-1", TestIns.BirthDateOf(minor.Person));
        var forAdult = () => new ControlsFacet(new HeldFacetState<ControlsState>(), adult, TimeSpan.FromDays(365)).SetRepresentativeAsync(Callers.Operator(), parent, true, "ref-1", TestIns.BirthDateOf(adult.Person));
        var themself = () => new ControlsFacet(new HeldFacetState<ControlsState>(), minor, TimeSpan.FromDays(365)).SetRepresentativeAsync(Callers.Operator(), minor.Person, true, "ref-1", TestIns.BirthDateOf(minor.Person));

        await byPatient.Should().ThrowAsync<AccessDeniedException>();
        await forAdult.Should().ThrowAsync<StateConflictException>().WithMessage("This person is of age*");
        await themself.Should().ThrowAsync<InvalidInputException>();
        adult.History.Should().BeEmpty();
        minor.History.Should().BeEmpty();
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("1000000000A")]
    public async Task A_malformed_RPPS_is_refused_by_name(string rpps)
    {
        var controls = new ControlsFacet(state, new TestSpace(TestIns.Next()), TimeSpan.FromDays(365));

        var block = () => controls.SetBlockedAsync(Callers.Physician(), rpps, true);

        (await block.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("rpps");
    }
}
