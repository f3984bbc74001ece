using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MonEspaceSante.Tests.Inbox;

namespace MonEspaceSante.Tests.Web;

/// <summary>The secure inbox in headless Chromium: a professional's FHIR message appears, is read, answered and its attachment filed.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebMessagesTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_professionals_message_appears_unread_is_read_answered_and_its_attachment_filed()
    {
        var (person, holder) = await fixture.OpenSpaceAsync();
        (await Communications.PostAsync(fixture.App.ProfessionalClient("10001234567"),
            Communications.Start(person, "Résultats de prise de sang", "Vos résultats sont normaux.", Communications.Pdf("bilan.pdf")))).EnsureSuccessStatusCode();
        var page = await fixture.NewPageAsync();
        await WebAppFixture.SignInAsync(page, person);
        await page.GetByText("1 message non lu.").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Messagerie" }).ClickAsync();
        await page.Locator(".badge", new() { HasText = "1 non lu" }).WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "messages");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Résultats de prise de sang" }).ClickAsync();
        await page.GetByText("Vos résultats sont normaux.").WaitForAsync();
        (await UnreadAsync(holder)).Should().Be(0, "opening the conversation reads it");

        await page.GetByLabel("Votre réponse").FillAsync("Merci docteur, à bientôt.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await page.GetByText("Votre réponse est envoyée.").WaitForAsync();
        await page.GetByText("Merci docteur, à bientôt.").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer dans mes documents bilan.pdf" }).ClickAsync();
        await page.GetByText("« bilan.pdf » est enregistré dans vos documents.").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "conversation");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        var inbox = await holder.GetFromJsonAsync<JsonElement>("/api/v1/me/inbox");
        inbox.GetProperty("conversations")[0].GetProperty("messageCount").GetInt32().Should().Be(2, "the reply is stored");
        var documents = await holder.GetFromJsonAsync<JsonElement>("/api/v1/me/documents");
        documents.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("title").GetString()).Should().Contain("bilan.pdf");
    }

    private static async Task<int> UnreadAsync(HttpClient holder) =>
        (await holder.GetFromJsonAsync<JsonElement>("/api/v1/me/inbox")).GetProperty("totalUnread").GetInt32();
}
