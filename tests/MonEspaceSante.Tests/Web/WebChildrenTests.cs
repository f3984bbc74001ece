using System.Text.Json;
using Microsoft.Playwright;
using MonEspaceSante.Tests.Documents;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Web;

/// <summary>A legal representative in headless Chromium: finds their child, switches to the child's space (its documents, its export), and back.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebChildrenTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_parent_switches_to_their_childs_space_sees_its_documents_downloads_its_export_and_comes_back()
    {
        var minor = TestIns.Born(2015, 6, 1);
        var parent = TestIns.Next();
        (await fixture.App.PatientClient(minor).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        (await fixture.App.PatientClient(parent).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        (await fixture.App.ClientFor("operator", "op-1").PutAsync(
            $"/api/v1/patients/{minor.Value}/representatives/{parent.Value}?reference=jugement-2026-7&{TestIns.BirthDateParameter(minor)}", null)).EnsureSuccessStatusCode();
        (await fixture.App.ProfessionalClient("10001234567").PostAsync("/fhir/DocumentReference",
            DocumentSamples.Fhir(DocumentSamples.Reference(minor.Value, DocumentSamples.Pdf("carnet de santé"), title: "Carnet de santé de l'enfant")))).EnsureSuccessStatusCode();
        var page = await fixture.NewPageAsync();
        await WebAppFixture.SignInAsync(page, parent);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mes enfants" }).ClickAsync();
        await WebAppFixture.Heading(page, "Enfant né(e) en juin 2015").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "children");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Accéder à son espace (INS {minor.Value})" }).ClickAsync();
        await page.GetByText($"Vous agissez pour l'enfant dont l'INS est {minor.Value}.").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await WebAppFixture.Heading(page, "Carnet de santé de l'enfant").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Confidentialité" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Télécharger toutes mes données" }).ClickAsync());
        var export = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        export.RootElement.GetProperty("entry")[0].GetProperty("resource").GetProperty("identifier")[0].GetProperty("value").GetString()
            .Should().Be(minor.Value, "the export is the child's, as every call made while acting for the child");

        await page.GetByRole(AriaRole.Button, new() { Name = "Revenir à mon espace" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await page.GetByText("Aucun document.").WaitForAsync();
        (await page.GetByText("Vous agissez pour l'enfant").CountAsync()).Should().Be(0);
    }
}
