using MonEspaceSante.Grains.Consents;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The consents facet on its own: a catalogue the test writes, the state in memory, no silo.</summary>
[Trait("Category", "Unit")]
public sealed class ConsentsFacetTests
{
    private readonly TestSpace space = new(TestIns.Next());
    private readonly HeldFacetState<ConsentsState> state = new();
    private readonly ListedApps catalogue = new ListedApps().With("glyco", "measurements.write:glucose", "measurements.read:glucose").With("coach", "agenda.write");
    private readonly ConsentsFacet consents;

    public ConsentsFacetTests()
    {
        consents = new ConsentsFacet(state, space, catalogue);
    }

    [Fact]
    public async Task A_consent_holds_the_scopes_granted_and_no_other()
    {
        var consent = await consents.GrantAsync("glyco", ["measurements.write:glucose", "measurements.write:glucose"]);

        consent.Scopes.Should().Equal("measurements.write:glucose");
        consent.GrantedAt.Should().Be(space.Now);
        consents.Holds("glyco", "measurements.write:glucose", open: true).Should().BeTrue();
        consents.Holds("glyco", "measurements.read:glucose", open: true).Should().BeFalse();
        consents.Holds("glyco", SpacePolicy.AnyScope, open: true).Should().BeTrue();
        consents.Holds("glyco", "measurements.write:glucose", open: false).Should().BeFalse("nothing holds in a space that is not open");
        consents.Holds("coach", SpacePolicy.AnyScope, open: true).Should().BeFalse();
    }

    [Fact]
    public async Task A_scope_beyond_what_the_catalogue_allows_the_app_is_refused()
    {
        var grant = () => consents.GrantAsync("coach", ["measurements.read:glucose"]);

        var refusal = (await grant.Should().ThrowAsync<InvalidInputException>()).Which;
        refusal.Field.Should().Be("scopes");
        refusal.Reason.Should().Contain("agenda.write only");
        state.Writes.Should().Be(0);
    }

    [Fact]
    public async Task An_app_that_is_not_listed_cannot_be_connected_and_a_withdrawn_one_stops_holding_at_once()
    {
        await consents.GrantAsync("glyco", ["measurements.write:glucose"]);
        catalogue.Withdraw("glyco");

        var unknown = () => consents.GrantAsync("nobody", ["agenda.write"]);
        var withdrawn = () => consents.GrantAsync("glyco", ["measurements.write:glucose"]);

        await unknown.Should().ThrowAsync<ResourceNotFoundException>();
        await withdrawn.Should().ThrowAsync<ResourceNotFoundException>();
        consents.Holds("glyco", "measurements.write:glucose", open: true).Should().BeFalse();
        state.State.Apps["glyco"].IsLive.Should().BeTrue("the consent is kept, and holds again if the app is listed again");
    }

    [Fact]
    public async Task A_revoked_consent_is_kept_for_the_record_and_holds_no_more()
    {
        await consents.GrantAsync("glyco", ["measurements.write:glucose"]);
        space.Clock.Advance(TimeSpan.FromHours(1));

        (await consents.RevokeAsync("glyco")).Should().BeTrue();
        (await consents.RevokeAsync("coach")).Should().BeFalse("it was never connected");

        consents.Holds("glyco", "measurements.write:glucose", open: true).Should().BeFalse();
        (await consents.ListAsync()).Should().ContainSingle().Which.RevokedAt.Should().Be(space.Now);
        (await consents.AllowedAsync("glyco", ["measurements.write:glucose"])).Should().BeEmpty();
    }

    [Fact]
    public async Task Apps_are_connected_only_to_an_open_space()
    {
        space.Open = false;

        var grant = () => consents.GrantAsync("glyco", ["measurements.write:glucose"]);

        await grant.Should().ThrowAsync<StateConflictException>();
        state.Writes.Should().Be(0);
    }

    [Fact]
    public async Task An_app_reads_its_own_consent_and_nobody_else_s()
    {
        await consents.GrantAsync("glyco", ["measurements.write:glucose"]);
        await consents.GrantAsync("coach", ["agenda.write"]);
        space.AppHolds = (app, scope) => consents.Holds(app, scope, space.Open);

        var seen = await consents.ReadAsync(Callers.App("coach"));

        seen.Select(c => c.AppId).Should().Equal("coach");
        space.History.Should().ContainSingle().Which.Resource.Should().Be("consents");
    }
}
