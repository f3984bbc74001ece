using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MonEspaceSante.Tests.Documents;

namespace MonEspaceSante.Tests.Web;

/// <summary>The medical profile in headless Chromium: an allergy added and masked, a vaccination with its proof, the person's wishes.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebProfileTests(WebAppFixture fixture)
{
    [Fact]
    public async Task An_allergy_a_vaccination_with_its_proof_and_the_persons_wishes_are_entered_and_an_item_masked()
    {
        var (person, holder) = await fixture.OpenSpaceAsync();
        (await DocumentsFixture.UploadAsync(holder, DocumentSamples.Pdf("carnet"), "application/pdf", "carnet.pdf")).EnsureSuccessStatusCode();
        var page = await fixture.NewPageAsync();
        await WebAppFixture.SignInAsync(page, person);
        await page.GetByRole(AriaRole.Link, new() { Name = "Profil médical" }).ClickAsync();
        await WebAppFixture.Heading(page, "Mon profil médical").WaitForAsync();

        await page.GetByLabel("Allergie (en vos mots)").FillAsync("Pénicilline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter : Allergie" }).ClickAsync();
        await page.GetByText("Allergie ajouté(e) à votre profil.").WaitForAsync();
        await page.GetByLabel("Vaccin", new() { Exact = true }).SelectOptionAsync("J07BB02");
        await page.GetByLabel("Date de la vaccination").FillAsync("2025-10-20");
        await page.GetByLabel("Justificatif (un de vos documents, facultatif)").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la vaccination" }).ClickAsync();
        await page.GetByText("La vaccination est ajoutée à votre carnet.").WaitForAsync();
        await page.GetByText("Grippe saisonnière, le 20 octobre 2025").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Masquer aux professionnels : Pénicilline" }).ClickAsync();
        await page.GetByText("L'élément est masqué aux professionnels.").WaitForAsync();
        await page.GetByLabel("J'accepte de donner mes organes").CheckAsync();
        await page.GetByLabel("Personne de confiance : nom").FillAsync("Marie Dupont");
        await page.GetByLabel("Personne de confiance : téléphone").FillAsync("0612345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes volontés" }).ClickAsync();
        await page.GetByText("Vos volontés sont enregistrées.").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "profile");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        var profile = await holder.GetFromJsonAsync<JsonElement>("/api/v1/me/profile");
        var entries = profile.GetProperty("entries").EnumerateArray().ToList();
        entries.Single(e => e.GetProperty("kind").GetString() == "Allergy").GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Contain("MASQUE_PS");
        entries.Single(e => e.GetProperty("kind").GetString() == "Immunization").GetProperty("proofDocumentId").GetString().Should().NotBeNullOrEmpty();
        profile.GetProperty("declarations").GetProperty("organDonation").GetString().Should().Be("Consents");
        profile.GetProperty("declarations").GetProperty("trustedPerson").GetProperty("name").GetString().Should().Be("Marie Dupont");
    }
}
