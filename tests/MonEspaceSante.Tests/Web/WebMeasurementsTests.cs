using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using MonEspaceSante.Tests.Measurements;

namespace MonEspaceSante.Tests.Web;

/// <summary>Measurements and apps in headless Chromium: a reading an app posts reaches the open chart live; revoking the app stops it.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebMeasurementsTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_glucose_reading_appears_on_the_chart_without_a_reload_and_revoking_the_app_refuses_its_next_post()
    {
        var (person, holder) = await fixture.OpenSpaceAsync();
        (await holder.PutAsJsonAsync($"/api/v1/me/consents/{Samples.AppId}", new { scopes = new[] { "measurements.write:glucose" } })).EnsureSuccessStatusCode();
        var app = fixture.App.ClientFor("app", Samples.AppId);
        var page = await fixture.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };
        await WebAppFixture.SignInAsync(page, person);
        await page.GetByRole(AriaRole.Link, new() { Name = "Mesures" }).ClickAsync();
        await page.GetByText("Les nouvelles mesures s'affichent dès leur arrivée.").WaitForAsync();
        await page.GetByText("Aucune mesure de ce type ces 30 derniers jours.").WaitForAsync();

        (await PostGlucoseAsync(app, person, 5.5m, TimeSpan.FromHours(1))).Should().Be(HttpStatusCode.Created);
        await page.Locator("canvas").WaitForAsync(new() { Timeout = 20_000 });
        await page.GetByText("Tableau des valeurs").ClickAsync();
        await page.Locator("td", new() { HasText = "99" }).WaitForAsync();
        (await PostGlucoseAsync(app, person, 3.0m, TimeSpan.FromMinutes(30))).Should().Be(HttpStatusCode.Created);
        await page.Locator("td", new() { HasText = "(hors cible)" }).WaitForAsync(new() { Timeout = 20_000 });
        await WebAppFixture.ScreenshotAsync(page, "measurements");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Applications" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Révoquer Test app {Samples.AppId}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer la révocation" }).ClickAsync();
        await page.GetByText($"Test app {Samples.AppId} n'a plus accès à votre espace.").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "apps");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        (await PostGlucoseAsync(app, person, 6.0m, TimeSpan.FromMinutes(10))).Should().Be(HttpStatusCode.Forbidden, "the revoked app may no longer write");
        refused.Should().BeEmpty("nothing the app does breaks its content security policy");
    }

    private static async Task<HttpStatusCode> PostGlucoseAsync(HttpClient app, Interfaces.Identity.Ins person, decimal mmolPerLitre, TimeSpan ago)
    {
        var reading = Samples.Observation(person, "15074-8", "mmol/L", mmolPerLitre);
        reading["effectiveDateTime"] = (DateTimeOffset.UtcNow - ago).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        return (await app.PostAsync("/fhir/Observation", Samples.Content(reading))).StatusCode;
    }
}
