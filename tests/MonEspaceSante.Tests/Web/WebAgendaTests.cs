using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Web;

/// <summary>The agenda in headless Chromium: an appointment added and cancelled, a prevention reminder with its reason refused.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAgendaTests(WebAppFixture fixture)
{
    [Fact]
    public async Task An_appointment_is_added_and_cancelled_and_a_reminder_is_refused_with_not_for_me()
    {
        var person = TestIns.Born(1955, 4, 1);
        var holder = fixture.App.PatientClient(person);
        (await holder.PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        var page = await fixture.NewPageAsync();
        await WebAppFixture.SignInAsync(page, person);
        await page.GetByRole(AriaRole.Link, new() { Name = "Agenda" }).ClickAsync();
        await WebAppFixture.Heading(page, "Mon agenda").WaitForAsync();

        await page.GetByLabel("Intitulé").FillAsync("Dentiste");
        await page.GetByLabel("Date et heure").FillAsync(fixture.App.Clock.GetUtcNow().AddDays(20).ToString("yyyy-MM-dd'T'09:30", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Lieu (facultatif)").FillAsync("Cabinet du Dr Roux, Toulouse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await page.GetByText("« Dentiste » est ajouté à votre agenda.").WaitForAsync();
        await WebAppFixture.Heading(page, "Dentiste").WaitForAsync();
        var reminder = page.Locator("[aria-label='Rappels de prévention'] li").First;
        var title = (await reminder.Locator("h3").TextContentAsync())!;
        (await reminder.TextContentAsync()).Should().Contain("Pourquoi ce rappel :");
        await WebAppFixture.ScreenshotAsync(page, "agenda");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        await reminder.GetByRole(AriaRole.Button, new() { Name = $"Pas pour moi : {title}" }).ClickAsync();
        await page.GetByText($"Le rappel « {title} » ne vous sera plus proposé.").WaitForAsync();
        var refused = await holder.GetFromJsonAsync<JsonElement>("/api/v1/me/agenda/prevention");
        refused.GetProperty("refusedReminders").GetArrayLength().Should().Be(1, "the reminder is refused");
        (await page.Locator("[aria-label='Rappels de prévention'] h3", new() { HasText = title }).CountAsync()).Should().Be(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler ce rendez-vous Dentiste" }).ClickAsync();
        await page.GetByText("« Dentiste » est annulé.").WaitForAsync();
        var agenda = await holder.GetFromJsonAsync<JsonElement>("/api/v1/me/agenda?when=upcoming");
        agenda.GetProperty("entries")[0].GetProperty("status").GetString().Should().Be("Cancelled");
    }
}
