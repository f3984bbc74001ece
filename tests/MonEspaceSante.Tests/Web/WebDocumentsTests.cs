using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace MonEspaceSante.Tests.Web;

/// <summary>The documents screen in headless Chromium: refusals said, a dropped upload found, filtered and masked from professionals.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebDocumentsTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_person_uploads_a_pdf_finds_it_masks_it_and_a_professional_no_longer_sees_it()
    {
        var (person, _) = await fixture.OpenSpaceAsync();
        var page = await fixture.NewPageAsync();
        await WebAppFixture.SignInAsync(page, person);
        await page.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await WebAppFixture.Heading(page, "Mes documents").WaitForAsync();
        var picker = page.GetByLabel("Choisir un fichier");

        await picker.SetInputFilesAsync(new FilePayload { Name = "outil.exe", MimeType = "application/x-msdownload", Buffer = [0x4D, 0x5A, 0x90, 0x00] });
        (await page.GetByRole(AriaRole.Alert).TextContentAsync()).Should().Contain("n'est pas d'un type accepté", "the type is checked before sending");
        await picker.SetInputFilesAsync(new FilePayload { Name = "faux.pdf", MimeType = "application/pdf", Buffer = "pas un PDF"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer « faux.pdf »" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync()).Should().Contain("Détail :", "the server's refusal is said, with its detail");

        // Dropped on the zone, as a person drags a file from their desktop.
        await page.EvaluateAsync("""
            ([name, text]) => {
                const files = new DataTransfer();
                files.items.add(new File([text], name, { type: "application/pdf" }));
                const zone = document.querySelector(".drop");
                zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: files, bubbles: true, cancelable: true }));
                zone.dispatchEvent(new DragEvent("drop", { dataTransfer: files, bubbles: true, cancelable: true }));
            }
            """, new[] { "ordonnance.pdf", System.Text.Encoding.ASCII.GetString(Documents.DocumentSamples.Pdf("web")) });
        await page.GetByLabel("Titre du document").FillAsync("Ordonnance du Dr Martin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer « ordonnance.pdf »" }).ClickAsync();
        await WebAppFixture.Heading(page, "Ordonnance du Dr Martin").WaitForAsync();
        var id = (await fixture.App.PatientClient(person).GetFromJsonAsync<JsonElement>("/api/v1/me/documents")).GetProperty("documents")[0].GetProperty("id").GetString()!;
        (await ProfessionalSeesAsync(person, id)).Should().BeTrue("a document the person adds is visible to professionals");

        await page.GetByRole(AriaRole.Button, new() { Name = "Masquer aux professionnels Ordonnance du Dr Martin" }).ClickAsync();
        await page.Locator(".badge", new() { HasText = "Masqué aux professionnels" }).WaitForAsync();
        (await ProfessionalSeesAsync(person, id)).Should().BeFalse("a masked document is out of professionals' searches");

        await page.GetByLabel("Compte rendu").CheckAsync();
        await page.GetByText("Aucun document.").WaitForAsync();
        await page.GetByLabel("Compte rendu").UncheckAsync();
        await page.GetByLabel("Rechercher dans les titres").FillAsync("ordo");
        await WebAppFixture.Heading(page, "Ordonnance du Dr Martin").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "documents");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();
    }

    private async Task<bool> ProfessionalSeesAsync(Interfaces.Identity.Ins person, string documentId)
    {
        var search = await fixture.App.ProfessionalClient("10001234567").GetAsync($"/fhir/DocumentReference?patient={person.Value}");
        search.EnsureSuccessStatusCode();
        return (await search.Content.ReadAsStringAsync()).Contains(documentId, StringComparison.Ordinal);
    }
}
