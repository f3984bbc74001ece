using System.Net;
using Microsoft.Playwright;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Web;

/// <summary>The patient's web app in headless Chromium against the real application on PostgreSQL: signing in, the home, serving.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppTests(WebAppFixture fixture)
{
    [Fact]
    public async Task A_person_signs_in_sees_their_space_opposes_then_opens_it_and_signs_out()
    {
        var person = TestIns.Next();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await WebAppFixture.ScreenshotAsync(page, "welcome");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        await WebAppFixture.SignInAsync(page, person);
        await WebAppFixture.Heading(page, "Votre espace n'est pas encore créé").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "home-not-created");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Je m'oppose à la création de mon espace" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon opposition" }).ClickAsync();
        await WebAppFixture.Heading(page, "Vous vous êtes opposé(e) à la création de votre espace").WaitForAsync();
        (await fixture.StatusAsync(person)).Should().Be("Opposed");
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).Should().Be("Votre opposition est enregistrée.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir mon espace" }).ClickAsync();
        await WebAppFixture.Heading(page, "Votre espace est ouvert").WaitForAsync();
        await WebAppFixture.Heading(page, "Prochains rendez-vous").WaitForAsync();
        (await fixture.StatusAsync(person)).Should().Be("Active");
        await WebAppFixture.ScreenshotAsync(page, "home-open");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        await page.ReloadAsync();
        await WebAppFixture.Heading(page, "Votre espace est ouvert").WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).WaitForAsync();
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).WaitForAsync();
    }

    [Fact]
    public async Task The_home_screen_works_from_the_keyboard_alone()
    {
        var person = TestIns.Next();
        var page = await fixture.NewPageAsync();
        await WebAppFixture.SignInAsync(page, person);
        await WebAppFixture.Heading(page, "Votre espace n'est pas encore créé").WaitForAsync();

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).Should().Be("Aller au contenu", "the first stop is the skip link");
        await page.Keyboard.PressAsync("Enter");
        for (var i = 0; i < 20 && await page.EvaluateAsync<string>("document.activeElement.textContent") != "Je m'oppose à la création de mon espace"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.PressAsync("Enter");

        // The confirmation takes the focus (an effect after the render, hence the wait). A function, not an expression:
        // Playwright polls an expression through eval, which the app's CSP refuses.
        await page.WaitForFunctionAsync("() => document.activeElement.className === 'confirm'", null, new() { Timeout = 5000 });
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).Should().Be("Confirmer mon opposition");
        await page.Keyboard.PressAsync("Enter");
        await WebAppFixture.Heading(page, "Vous vous êtes opposé(e) à la création de votre espace").WaitForAsync();
        (await fixture.StatusAsync(person)).Should().Be("Opposed");
    }

    [Fact]
    public async Task The_home_screen_fits_a_phone_and_a_server_refusal_is_said_in_words()
    {
        var person = TestIns.Next();
        var page = await fixture.NewPageAsync(phone: true);
        await WebAppFixture.SignInAsync(page, person);
        await WebAppFixture.Heading(page, "Votre espace n'est pas encore créé").WaitForAsync();

        // The server is out of reach as the person opens their space: what failed, and when to try again, in words.
        await page.RouteAsync("**/api/v1/me/activation", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/problem+json",
            Headers = new Dictionary<string, string> { ["Retry-After"] = "2" },
            Body = """{"title":"Service Unavailable","status":503,"detail":"The silo holding this space is out of reach."}""",
        }));
        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir mon espace" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        (await alert.TextContentAsync()).Should().Contain("Le service est momentanément indisponible").And.Contain("The silo holding this space is out of reach.");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "nothing is wider than the phone");
        await WebAppFixture.ScreenshotAsync(page, "home-phone-error");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_app_is_served_with_a_strict_policy_its_assets_cached_and_api_paths_stay_the_apis()
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, "/documents");
        pageRequest.Headers.Accept.ParseAdd("text/html");

        var root = await http.GetAsync("/");
        var html = await root.Content.ReadAsStringAsync();
        var deepLink = await http.SendAsync(pageRequest);
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        var asset = await http.GetAsync(script);
        var unknownApi = await http.GetAsync("/api/v1/nothing-here");

        root.StatusCode.Should().Be(HttpStatusCode.OK);
        root.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("style-src 'self'").And.NotContain("unsafe");
        root.Headers.CacheControl!.NoCache.Should().BeTrue("the page names the current assets");
        html.Should().Contain("<html lang=\"fr\">");
        deepLink.StatusCode.Should().Be(HttpStatusCode.OK);
        (await deepLink.Content.ReadAsStringAsync()).Should().Be(html, "a path of the app answers the app's page");
        asset.StatusCode.Should().Be(HttpStatusCode.OK);
        asset.Headers.CacheControl!.ToString().Should().Contain("immutable").And.Contain("max-age=31536000");
        unknownApi.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknownApi.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
