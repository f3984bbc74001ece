using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace MonEspaceSante.Tests.Web;

/// <summary>The privacy screen in headless Chromium: the access history, a professional blocked, an urgent access refused, the export downloaded.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebPrivacyTests(WebAppFixture fixture)
{
    private const string Doctor = "10001234567";

    [Fact]
    public async Task The_history_shows_who_accessed_a_professional_is_blocked_break_glass_refused_and_the_export_downloads()
    {
        var (person, holder) = await fixture.OpenSpaceAsync();
        (await fixture.App.ProfessionalClient(Doctor).GetAsync($"/fhir/DocumentReference?patient={person.Value}")).EnsureSuccessStatusCode();
        var page = await fixture.NewPageAsync();
        await WebAppFixture.SignInAsync(page, person);
        await page.GetByRole(AriaRole.Link, new() { Name = "Confidentialité" }).ClickAsync();
        await page.Locator("td", new() { HasText = $"Professionnel (RPPS {Doctor})" }).First.WaitForAsync();
        var read = page.Locator("tr", new() { HasText = $"Professionnel (RPPS {Doctor})" }).First;
        (await read.Locator("td").Nth(2).InnerTextAsync()).Should().Be("a consulté la liste de vos documents", "the server's record, said in French");
        (await read.Locator("td").Nth(3).InnerTextAsync()).Should().Be("logiciel de santé (FHIR), relation de soins déclarée");

        await page.GetByLabel("Numéro RPPS du professionnel à bloquer").FillAsync(Doctor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bloquer", Exact = true }).ClickAsync();
        await page.GetByText($"Le professionnel {Doctor} ne peut plus accéder à votre espace.").WaitForAsync();
        await page.GetByLabel("Autoriser l'accès « bris de glace » d'un professionnel quand ma vie est en danger").UncheckAsync();
        await page.GetByText("Votre choix est enregistré.").WaitForAsync();
        var controls = await holder.GetFromJsonAsync<JsonElement>("/api/v1/me/controls");
        controls.GetProperty("blockedProfessionals").EnumerateArray().Select(e => e.GetString()).Should().Equal(Doctor);
        controls.GetProperty("breakGlassAllowed").GetBoolean().Should().BeFalse();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Télécharger toutes mes données" }).ClickAsync());
        download.SuggestedFilename.Should().Be("mon-espace-sante.fhir.json");
        var bundle = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));
        bundle.RootElement.GetProperty("resourceType").GetString().Should().Be("Bundle");
        bundle.RootElement.GetProperty("entry")[0].GetProperty("resource").GetProperty("resourceType").GetString().Should().Be("Patient");
        await page.GetByText("Export terminé").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "privacy");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();
    }
}
