using System.Net;
using System.Security.Cryptography;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Documents;

/// <summary>A deleted document's content is freed once no other document refers to it; a shared content is kept.</summary>
[Collection(DocumentsCollection.Name)]
public sealed class DocumentContentReleaseTests(DocumentsFixture fixture)
{
    private async Task<string> UploadAsync(Ins person, byte[] content)
    {
        var response = await DocumentsFixture.UploadAsync(fixture.App.PatientClient(person), content, "application/pdf");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    private Task<long> ContentsAsync(byte[] content) =>
        fixture.CountAsync("SELECT count(*) FROM mes_document_content WHERE sha256 = @sha", ("sha", Convert.ToHexStringLower(SHA256.HashData(content))));

    [Fact]
    public async Task A_content_two_people_deposited_stays_until_both_documents_are_deleted()
    {
        var (first, second) = (await fixture.OpenSpaceAsync(), await fixture.OpenSpaceAsync());
        var content = DocumentSamples.Pdf();
        var (a, b) = (await UploadAsync(first, content), await UploadAsync(second, content));

        (await fixture.App.PatientClient(first).DeleteAsync($"/api/v1/me/documents/{a}")).EnsureSuccessStatusCode();
        var afterOne = await ContentsAsync(content);
        var stillReadable = await fixture.App.PatientClient(second).GetAsync($"/api/v1/me/documents/{b}/content");
        (await fixture.App.PatientClient(second).DeleteAsync($"/api/v1/me/documents/{b}")).EnsureSuccessStatusCode();

        afterOne.Should().Be(1, "the second person's document still refers to it");
        stillReadable.StatusCode.Should().Be(HttpStatusCode.OK);
        (await stillReadable.Content.ReadAsByteArrayAsync()).Should().Equal(content);
        (await ContentsAsync(content)).Should().Be(0, "nothing refers to it any more");
        (await fixture.App.PatientClient(first).GetAsync($"/api/v1/me/documents/{a}/content")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_same_bytes_deposited_again_after_their_release_are_stored_again()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = DocumentSamples.Pdf();
        var first = await UploadAsync(person, content);
        (await fixture.App.PatientClient(person).DeleteAsync($"/api/v1/me/documents/{first}")).EnsureSuccessStatusCode();

        var again = await UploadAsync(person, content);

        (await ContentsAsync(content)).Should().Be(1);
        (await (await fixture.App.PatientClient(person).GetAsync($"/api/v1/me/documents/{again}/content")).Content.ReadAsByteArrayAsync()).Should().Equal(content);
    }

    [Fact]
    public async Task While_a_locator_from_before_the_references_remains_no_content_is_freed()
    {
        var person = await fixture.OpenSpaceAsync();
        var content = DocumentSamples.Pdf();
        var id = await UploadAsync(person, content);
        var legacy = Guid.NewGuid();
        await fixture.Database.ExecuteAsync("INSERT INTO mes_document_locator (document_id, ins) VALUES (@id, @ins)", ("id", legacy), ("ins", person.Value));
        try
        {
            (await fixture.App.PatientClient(person).DeleteAsync($"/api/v1/me/documents/{id}")).EnsureSuccessStatusCode();

            (await ContentsAsync(content)).Should().Be(1, "that older document may refer to the same bytes: only its index knows");
        }
        finally
        {
            await fixture.Database.ExecuteAsync("DELETE FROM mes_document_locator WHERE document_id = @id", ("id", legacy));
        }
    }
}
