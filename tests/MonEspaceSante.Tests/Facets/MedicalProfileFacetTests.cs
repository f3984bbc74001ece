using MonEspaceSante.Grains.Profile;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Profile;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The medical profile facet on its own: the real access policy, the state in memory, no silo.</summary>
[Trait("Category", "Unit")]
public sealed class MedicalProfileFacetTests
{
    private static readonly ProfileCode Hexavalent = new(ProfileCodeSystems.Atc, "J07CA09", "DTCaP-Hib-HepB");

    private readonly TestSpace space;
    private readonly HeldFacetState<MedicalProfileState> state = new();
    private readonly HashSet<string> documents = new(StringComparer.Ordinal) { "proof-1" };
    private readonly MedicalProfileFacet profile;

    public MedicalProfileFacetTests()
    {
        space = new TestSpace(TestIns.Born(1980, 3, 2));
        profile = new MedicalProfileFacet(state, space, id => Task.FromResult(documents.Contains(id)));
    }

    private static ProfileDraft Vaccination(DateOnly given, params string[] labels) =>
        new(ProfileKind.Immunization, [Hexavalent], null, null, given, null, "LOT-42", 1, null, null, labels);

    private static ProfileDraft Condition(string code = "44054006", params string[] labels) =>
        new(ProfileKind.Condition, [new ProfileCode(ProfileCodeSystems.Snomed, code, "Diabetes mellitus type 2")], null, "active", new DateOnly(2019, 4, 1), null, null, null, null, null, labels);

    [Fact]
    public async Task A_professionals_vaccination_is_kept_with_its_author_and_the_access_is_in_the_history()
    {
        var doctor = Callers.Physician();

        var written = (await profile.SaveAsync(doctor, Vaccination(new DateOnly(2026, 5, 2)))).Entry;
        var listed = await profile.ListAsync(Callers.Holder(space.Person), ProfileKind.Immunization);

        (written.AuthorRole, written.AuthorId, written.Status, written.Version).Should().Be((doctor.Role, doctor.Id, "completed", 1));
        listed.Should().ContainSingle().Which.Should().Be(written);
        space.History.Should().ContainSingle().Which.Resource.Should().Be($"vaccination {written.Id}");
    }

    [Fact]
    public async Task An_item_the_holder_masks_is_hidden_from_other_professionals_but_not_from_its_author()
    {
        var author = Callers.Physician("10001111111");
        var other = Callers.Physician("10002222222");
        var written = (await profile.SaveAsync(author, Condition())).Entry;

        var masked = await profile.SetMaskedAsync(Callers.Holder(space.Person), written.Id, masked: true);

        masked.Version.Should().Be(2);
        masked.Labels.Should().Equal(DocumentLabels.MaskedFromProfessionals);
        (await profile.ListAsync(other, ProfileKind.Condition)).Should().BeEmpty();
        await FluentActions.Awaiting(() => profile.GetAsync(other, ProfileKind.Condition, written.Id)).Should().ThrowAsync<ResourceNotFoundException>();
        (await profile.GetAsync(author, ProfileKind.Condition, written.Id)).Id.Should().Be(written.Id);
        (await profile.SetMaskedAsync(Callers.Holder(space.Person), written.Id, masked: false)).Labels.Should().BeEmpty();
        (await profile.ListAsync(other, ProfileKind.Condition)).Should().ContainSingle();
        await FluentActions.Awaiting(() => profile.SetMaskedAsync(author, written.Id, true)).Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task An_app_writes_and_reads_only_the_lists_its_consent_names()
    {
        var app = Callers.App("vax-app");
        space.AppHolds = (id, scope) => id == "vax-app" && scope is "profile.write:immunizations";

        var written = (await profile.SaveAsync(app, Vaccination(new DateOnly(2026, 1, 10)))).Entry;

        written.AuthorId.Should().Be("vax-app");
        await FluentActions.Awaiting(() => profile.SaveAsync(app, Condition())).Should().ThrowAsync<AccessDeniedException>().WithMessage("*profile.write:conditions*");
        await FluentActions.Awaiting(() => profile.ListAsync(app, ProfileKind.Immunization)).Should().ThrowAsync<AccessDeniedException>().WithMessage("*profile.read:immunizations*");
        await FluentActions.Awaiting(() => profile.GetProfileAsync(app)).Should().ThrowAsync<AccessDeniedException>();
    }

    [Fact]
    public async Task Unknown_code_systems_codes_that_are_not_vaccines_and_dates_to_come_are_refused_naming_the_field()
    {
        var me = Callers.Holder(space.Person);
        var otherSystem = Vaccination(new DateOnly(2026, 1, 1)) with { Codes = [new ProfileCode("http://example.org/vaccines", "X1")] };
        var notAVaccine = Vaccination(new DateOnly(2026, 1, 1)) with { Codes = [new ProfileCode(ProfileCodeSystems.Atc, "A10BA02")] };
        var tomorrow = Vaccination(DateOnly.FromDateTime(space.Now.UtcDateTime).AddDays(1));

        (await FluentActions.Awaiting(() => profile.SaveAsync(me, otherSystem)).Should().ThrowAsync<UnprocessableException>()).Which.Message
            .Should().Be($"codes: unknown code system 'http://example.org/vaccines'; known here: {ProfileCodeSystems.BdpmCis}, {ProfileCodeSystems.Atc}, {ProfileCodeSystems.Cvx}, {ProfileCodeSystems.Snomed}");
        (await FluentActions.Awaiting(() => profile.SaveAsync(me, notAVaccine)).Should().ThrowAsync<UnprocessableException>()).Which.Field.Should().Be("codes");
        (await FluentActions.Awaiting(() => profile.SaveAsync(me with { How = "fhir" }, tomorrow)).Should().ThrowAsync<UnprocessableException>()).Which.Field
            .Should().Be("Immunization.occurrenceDateTime");
        await FluentActions.Awaiting(() => profile.SaveAsync(me, Condition() with { DoseNumber = 2 })).Should().ThrowAsync<UnprocessableException>().WithMessage("doseNumber: Condition has no place for it");
        state.Writes.Should().Be(0);
    }

    [Fact]
    public async Task A_vaccination_the_person_enters_points_to_a_proof_the_space_holds()
    {
        var me = Callers.Holder(space.Person);

        var entered = (await profile.SaveAsync(me, Vaccination(new DateOnly(1998, 6, 1)) with { ProofDocumentId = "proof-1" })).Entry;

        entered.ProofDocumentId.Should().Be("proof-1");
        (await FluentActions.Awaiting(() => profile.SaveAsync(me, Vaccination(new DateOnly(1998, 6, 1)) with { ProofDocumentId = "missing" }))
            .Should().ThrowAsync<UnprocessableException>()).Which.Field.Should().Be("proofDocumentId");
    }

    [Fact]
    public async Task A_minors_confidential_item_is_hidden_from_the_representatives_and_only_a_professional_marks_it()
    {
        var minorSpace = new TestSpace(TestIns.Born(2012, 5, 2));
        var parent = TestIns.Born(1982, 1, 1);
        minorSpace.Controls.LegalRepresentatives.Add(parent.Value);
        var minorProfile = new MedicalProfileFacet(new HeldFacetState<MedicalProfileState>(), minorSpace, _ => Task.FromResult(true));

        var confidential = (await minorProfile.SaveAsync(Callers.Physician(), Vaccination(new DateOnly(2026, 2, 1), DocumentLabels.InvisibleToRepresentatives))).Entry;
        await minorProfile.SaveAsync(Callers.Physician(), Condition());

        (await minorProfile.GetProfileAsync(Callers.Representative(parent))).Entries.Select(e => e.Kind).Should().Equal(ProfileKind.Condition);
        (await minorProfile.GetProfileAsync(Callers.Holder(minorSpace.Person))).Entries.Should().HaveCount(2);
        minorSpace.MinorOnlyLines.Should().Equal($"vaccination {confidential.Id}");
        await FluentActions.Awaiting(() => minorProfile.SaveAsync(Callers.Representative(parent), Condition("73211009", DocumentLabels.InvisibleToRepresentatives)))
            .Should().ThrowAsync<UnprocessableException>().WithMessage("*professional marks*");
    }

    [Fact]
    public async Task The_person_writes_their_declarations_and_professionals_read_them_without_writing()
    {
        var me = Callers.Holder(space.Person);
        var declarations = new ProfileDeclarations("No resuscitation after a cardiac arrest.", "proof-1", OrganDonationWish.Consents,
            new TrustedPerson("Marie Martin", "sister", "+33600000000", "marie@example.org"));

        var stored = await profile.SetDeclarationsAsync(me, declarations);
        var read = await profile.GetProfileAsync(Callers.Physician());

        stored.UpdatedAt.Should().Be(space.Now);
        read.Declarations.Should().Be(stored);
        await FluentActions.Awaiting(() => profile.SetDeclarationsAsync(Callers.Physician(), ProfileDeclarations.None)).Should().ThrowAsync<AccessDeniedException>();
        await FluentActions.Awaiting(() => profile.SetDeclarationsAsync(me, declarations with { TrustedPerson = new TrustedPerson(" ", null, null, null) }))
            .Should().ThrowAsync<InvalidInputException>().WithMessage("trustedPerson.name*");
    }

    [Fact]
    public async Task An_item_is_removed_by_its_author_or_the_holder_and_by_no_other_professional()
    {
        var author = Callers.Physician("10001111111");
        var first = (await profile.SaveAsync(author, Condition())).Entry;
        var second = (await profile.SaveAsync(author, Condition("73211009"))).Entry;

        await FluentActions.Awaiting(() => profile.RemoveAsync(Callers.Physician("10002222222"), first.Id)).Should().ThrowAsync<AccessDeniedException>();
        await profile.RemoveAsync(author, first.Id);
        await profile.RemoveAsync(Callers.Holder(space.Person), second.Id);

        state.State.Entries.Should().BeEmpty();
        await FluentActions.Awaiting(() => profile.RemoveAsync(author, first.Id)).Should().ThrowAsync<ResourceNotFoundException>();
    }

    [Fact]
    public async Task A_resend_with_the_authors_identifier_is_the_same_item_unchanged_or_corrected_and_another_authors_is_another()
    {
        var doctor = Callers.Physician("10001111111");
        var sent = Vaccination(new DateOnly(2026, 5, 2)) with { ExternalId = "vax-1", ExternalSystem = "urn:cabinet" };

        var first = await profile.SaveAsync(doctor, sent);
        var writes = state.Writes;
        var again = await profile.SaveAsync(doctor, sent with { Codes = [.. sent.Codes] });
        var corrected = await profile.SaveAsync(doctor, sent with { Detail = "LOT-43" });
        var other = await profile.SaveAsync(Callers.Physician("10002222222"), sent);

        (first.Created, again.Created, corrected.Created, other.Created).Should().Be((true, false, false, true));
        again.Entry.Should().Be(first.Entry);
        state.Writes.Should().Be(writes + 2, "the unchanged resend writes nothing");
        (corrected.Entry.Id, corrected.Entry.Version, corrected.Entry.Detail).Should().Be((first.Entry.Id, 2, "LOT-43"));
        other.Entry.Id.Should().NotBe(first.Entry.Id);
    }
}
