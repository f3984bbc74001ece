using MonEspaceSante.Grains.Documents;
using MonEspaceSante.Interfaces.Documents;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Tests.Documents;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The documents facet with the real content store on PostgreSQL, without a silo.</summary>
[Collection(FacetStoresCollection.Name)]
public sealed class DocumentsFacetTests(FacetStores stores)
{
    private readonly TestSpace space = new(TestIns.Next());
    private readonly HeldFacetState<DocumentsState> state = new();

    private DocumentsFacet Facet() => new(state, stores.Documents, space);

    private static DocumentDraft Draft(string classCode = "10", string? externalId = null, params string[] labels) =>
        new(classCode, "11488-4", "Compte rendu", null, "application/pdf", labels, null, externalId);

    [Fact]
    public async Task A_deposit_is_stored_with_its_content_and_a_resend_by_its_author_changes_nothing()
    {
        var documents = Facet();
        var content = DocumentSamples.Pdf();

        var first = await documents.SubmitAsync(Callers.Physician(), Draft(externalId: "cr-1"), content);
        var writes = state.Writes;
        var again = await documents.SubmitAsync(Callers.Physician(), Draft(externalId: "cr-1"), DocumentSamples.Pdf());
        var read = await documents.GetContentAsync(Callers.Holder(space.Person), first.Document.Id);

        first.Created.Should().BeTrue();
        again.Created.Should().BeFalse();
        again.Document.Should().Be(first.Document);
        state.Writes.Should().Be(writes);
        read.Bytes.Should().Equal(content);
        (await stores.Documents.FindOwnerAsync(Guid.Parse(first.Document.Id))).Should().Be(space.Person.Value);
        space.History.Select(h => h.Resource).Should().Equal("document deposit (class 10)", "document deposit (class 10)");
    }

    [Fact]
    public async Task A_document_masked_from_professionals_is_not_found_for_them_except_its_author()
    {
        var documents = Facet();
        var deposited = (await documents.SubmitAsync(Callers.Physician("10000000001"), Draft(), DocumentSamples.Pdf())).Document;
        await documents.SetMaskedAsync(Callers.Holder(space.Person), deposited.Id, true);

        var other = () => documents.GetAsync(Callers.Physician("10000000002"), deposited.Id);
        var search = await documents.SearchAsync(Callers.Physician("10000000002"), new DocumentQuery([], [], null, null));

        await other.Should().ThrowAsync<ResourceNotFoundException>();
        search.Total.Should().Be(0);
        (await documents.GetAsync(Callers.Physician("10000000001"), deposited.Id)).Labels.Should().Equal(DocumentLabels.MaskedFromProfessionals);
    }

    [Fact]
    public async Task A_profession_sees_the_document_classes_the_matrix_gives_it_and_only_in_standard_mode()
    {
        var documents = Facet();
        await documents.SubmitAsync(Callers.Physician(), Draft(classCode: "11"), DocumentSamples.Pdf());
        await documents.SubmitAsync(Callers.Physician(), Draft(classCode: "10"), DocumentSamples.Pdf());

        var nurse = await documents.SearchAsync(Callers.Nurse(), new DocumentQuery([], [], null, null));
        var urgent = await documents.SearchAsync(Callers.Nurse() with { Mode = Interfaces.Access.AccessMode.BreakGlass }, new DocumentQuery([], [], null, null));

        nurse.Documents.Select(d => d.ClassCode).Should().Equal("11");
        urgent.Total.Should().Be(2);
    }

    [Fact]
    public async Task The_live_feed_tells_the_holder_only_while_watched_and_never_about_a_document_invisible_to_them()
    {
        var documents = Facet();
        await documents.SubmitAsync(Callers.Physician(), Draft(), DocumentSamples.Pdf());
        documents.WatchAsync(TimeSpan.FromMinutes(1)).IsCompleted.Should().BeTrue();

        var hidden = (await documents.SubmitAsync(Callers.Physician(), Draft(labels: DocumentLabels.InvisibleToPatient), DocumentSamples.Pdf())).Document;
        space.Live.Should().BeEmpty("the first deposit came before the watch, the second is invisible to the patient");
        await documents.RevealAsync(Callers.Physician(), hidden.Id);

        space.Live.Should().ContainSingle().Which.Item.Should().BeOfType<DocumentEvent>()
            .Which.Should().Match<DocumentEvent>(e => e.DocumentId == hidden.Id && e.Change == DocumentChange.Deposited);
    }

    [Fact]
    public async Task Operators_deposit_but_neither_read_nor_delete()
    {
        var documents = Facet();
        var deposited = (await documents.SubmitAsync(Callers.Operator(), Draft(classCode: "60"), DocumentSamples.Pdf())).Document;

        var delete = () => documents.DeleteAsync(Callers.Operator(), deposited.Id);
        var search = () => documents.SearchAsync(Callers.Operator(), new DocumentQuery([], [], null, null));

        await delete.Should().ThrowAsync<AccessDeniedException>();
        await search.Should().ThrowAsync<AccessDeniedException>();
        (await documents.GetAsync(Callers.Holder(space.Person), deposited.Id)).AuthorRole.Should().Be(Interfaces.Access.AccessorRole.Operator);
    }
}
