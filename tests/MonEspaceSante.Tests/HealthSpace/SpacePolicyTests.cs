using MonEspaceSante.Grains.Controls;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.HealthSpace;

/// <summary>The access policy alone, for every kind of caller: the HTTP matrix checks the same rules end to end.</summary>
[Trait("Category", "Unit")]
public sealed class SpacePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly Ins Holder = TestIns.Next();
    private static readonly ProfessionMatrixOptions Matrix = new()
    {
        ProfessionMatrix = new(StringComparer.Ordinal) { ["10"] = ["*"], ["21"] = ["11", "42"] },
    };

    private static SpaceGrant Decide(Accessor accessor, SpaceBrick brick, SpaceAction action, ControlsState? controls = null, bool open = true, Ins? holder = null, params string[] appScopes) =>
        SpacePolicy.Decide(new SpaceRequest(accessor, holder ?? Holder, brick, action, open, controls ?? new ControlsState(), Matrix, appScopes.Contains, Now));

    private static Accessor Professional(string rpps = "10003456789", string? profession = "10", AccessMode mode = AccessMode.Standard) =>
        new(AccessorRole.Professional, rpps, "fhir", profession, mode, DeclaresCare: mode == AccessMode.Standard);

    [Fact]
    public void The_holder_reaches_every_brick_and_is_not_a_professional_in_disguise()
    {
        var grant = Decide(new Accessor(AccessorRole.Patient, Holder.Value, "api"), SpaceBrick.Export, SpaceAction.Read);

        grant.Viewer.Should().Be(SpaceViewer.Holder);
        grant.IsHolder.Should().BeTrue();
        grant.DocumentClasses.Should().BeNull();
    }

    [Fact]
    public void Another_patient_and_an_operator_reading_are_refused()
    {
        var other = () => Decide(new Accessor(AccessorRole.Patient, TestIns.Next().Value, "api"), SpaceBrick.Documents, SpaceAction.Read);
        var operatorRead = () => Decide(new Accessor(AccessorRole.Operator, "op", "api"), SpaceBrick.Documents, SpaceAction.Read);
        var operatorDeposit = Decide(new Accessor(AccessorRole.Operator, "op", "api"), SpaceBrick.Documents, SpaceAction.Write);

        other.Should().Throw<AccessDeniedException>().WithMessage("*own space*");
        operatorRead.Should().Throw<AccessDeniedException>().WithMessage("*read no health data*");
        operatorDeposit.Viewer.Should().Be(SpaceViewer.Operator);
    }

    [Fact]
    public void A_professional_is_limited_by_the_profession_matrix_unless_in_an_urgent_mode()
    {
        Decide(Professional(), SpaceBrick.Documents, SpaceAction.Read).DocumentClasses.Should().BeNull();
        Decide(Professional(profession: "21"), SpaceBrick.Documents, SpaceAction.Read).DocumentClasses.Should().BeEquivalentTo(["11", "42"]);
        Decide(Professional(profession: "99"), SpaceBrick.Documents, SpaceAction.Read).DocumentClasses.Should().BeEmpty();
        Decide(Professional(profession: "21", mode: AccessMode.BreakGlass), SpaceBrick.Documents, SpaceAction.Read).DocumentClasses.Should().BeNull();
        Decide(Professional(profession: "21", mode: AccessMode.Emergency), SpaceBrick.Documents, SpaceAction.Read).MaySeeClass("10").Should().BeTrue();
    }

    [Fact]
    public void Blocking_and_each_refusal_shut_out_only_what_they_name()
    {
        var blocked = new ControlsState { BlockedProfessionals = { "10003456789" } };
        var noBreakGlass = new ControlsState { BreakGlassRefused = true };
        var noEmergency = new ControlsState { EmergencyAccessRefused = true };

        FluentActions.Invoking(() => Decide(Professional(), SpaceBrick.Agenda, SpaceAction.Read, blocked)).Should().Throw<AccessDeniedException>().WithMessage(SpacePolicy.ProfessionalRefusal, "the same as no space: nobody learns they are blocked");
        FluentActions.Invoking(() => Decide(Professional(mode: AccessMode.BreakGlass), SpaceBrick.Documents, SpaceAction.Read, blocked)).Should().Throw<AccessDeniedException>();
        Decide(Professional("10009999999"), SpaceBrick.Agenda, SpaceAction.Read, blocked).Viewer.Should().Be(SpaceViewer.Professional);
        FluentActions.Invoking(() => Decide(Professional(mode: AccessMode.BreakGlass), SpaceBrick.Documents, SpaceAction.Read, noBreakGlass)).Should().Throw<AccessDeniedException>().WithMessage(SpacePolicy.ProfessionalRefusal);
        Decide(Professional(mode: AccessMode.Emergency), SpaceBrick.Documents, SpaceAction.Read, noBreakGlass).Viewer.Should().Be(SpaceViewer.Professional);
        FluentActions.Invoking(() => Decide(Professional(mode: AccessMode.Emergency), SpaceBrick.Documents, SpaceAction.Read, noEmergency)).Should().Throw<AccessDeniedException>().WithMessage(SpacePolicy.ProfessionalRefusal);
        Decide(Professional(mode: AccessMode.BreakGlass), SpaceBrick.Documents, SpaceAction.Read, noEmergency).Viewer.Should().Be(SpaceViewer.Professional);
        Decide(Professional(), SpaceBrick.Documents, SpaceAction.Read, noBreakGlass).Viewer.Should().Be(SpaceViewer.Professional);
    }

    [Fact]
    public void Professionals_never_reach_controls_history_export_or_a_closed_space()
    {
        foreach (var brick in new[] { SpaceBrick.Controls, SpaceBrick.AccessHistory, SpaceBrick.Export })
        {
            FluentActions.Invoking(() => Decide(Professional(), brick, SpaceAction.Read)).Should().Throw<AccessDeniedException>();
        }

        FluentActions.Invoking(() => Decide(Professional(), SpaceBrick.Documents, SpaceAction.Read, open: false)).Should().Throw<AccessDeniedException>().WithMessage(SpacePolicy.ProfessionalRefusal);
        FluentActions.Invoking(() => Decide(new Accessor(AccessorRole.App, "coach", "api", null, AccessMode.BreakGlass), SpaceBrick.Documents, SpaceAction.Read, appScopes: "documents.read"))
            .Should().Throw<AccessDeniedException>().WithMessage("*for professionals*");
    }

    [Fact]
    public void An_app_is_admitted_strictly_by_its_live_scopes()
    {
        var app = new Accessor(AccessorRole.App, "docs-app", "fhir");

        Decide(app, SpaceBrick.Documents, SpaceAction.Read, appScopes: "documents.read").Viewer.Should().Be(SpaceViewer.App);
        FluentActions.Invoking(() => Decide(app, SpaceBrick.Documents, SpaceAction.Write, appScopes: "documents.read")).Should().Throw<AccessDeniedException>().WithMessage("*documents.write*");
        Decide(app, SpaceBrick.Agenda, SpaceAction.Write, appScopes: "agenda.write").Viewer.Should().Be(SpaceViewer.App);
        FluentActions.Invoking(() => Decide(app, SpaceBrick.Agenda, SpaceAction.Read, appScopes: "agenda.write")).Should().Throw<AccessDeniedException>();
        FluentActions.Invoking(() => Decide(app, SpaceBrick.Inbox, SpaceAction.Read, appScopes: "documents.read")).Should().Throw<AccessDeniedException>();
        Decide(app, SpaceBrick.Consents, SpaceAction.Read, appScopes: SpacePolicy.AnyScope).Viewer.Should().Be(SpaceViewer.App);
        FluentActions.Invoking(() => Decide(app, SpaceBrick.Consents, SpaceAction.Read)).Should().Throw<AccessDeniedException>().WithMessage("*no live consent*");
    }

    [Fact]
    public void A_legal_representative_acts_only_while_the_person_is_a_minor()
    {
        var parent = TestIns.Next();
        var minor = TestIns.Born(2015, 5, 1);
        var adult = TestIns.Born(2007, 11, 2);
        var controls = new ControlsState { LegalRepresentatives = { parent.Value } };
        var asParent = new Accessor(AccessorRole.Patient, parent.Value, "api");

        Decide(asParent, SpaceBrick.Documents, SpaceAction.Read, controls, holder: minor).Viewer.Should().Be(SpaceViewer.Representative);
        FluentActions.Invoking(() => Decide(asParent, SpaceBrick.Documents, SpaceAction.Read, controls, holder: adult)).Should().Throw<AccessDeniedException>().WithMessage("*of age*");
        SpacePolicy.IsMinor(TestIns.Born(2008, 12, 1), Now).Should().BeTrue();
        SpacePolicy.IsMinor(TestIns.Born(2008, 11, 1), Now).Should().BeFalse();
    }
}
