using System.Net.Http.Json;
using Duende.IdentityModel.Client;
using Microsoft.Playwright;
using MonEspaceSante.Interfaces.Consents;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>
/// The sign-in and consent pages in a real headless browser (Debian's Chromium, driven by Playwright): what a person
/// sees and clicks, from the app's authorization request to the code the app receives.
/// </summary>
[Collection(SignInCollection.Name)]
public sealed class BrowserSignInTests(SignInFixture fixture) : IAsyncLifetime
{
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await HeadlessChromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    [Fact]
    public async Task A_person_signs_in_on_the_test_page_unticks_a_right_and_connects_the_app()
    {
        var person = TestIns.Next();
        (await fixture.App.PatientClient(person).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        var app = new SmartApp(fixture, SignInFixture.PairedApp, PairingFlowTests.GlucoseScopes);
        var state = await app.Client.PrepareLoginAsync(new Parameters { { "aud", fixture.FhirBase } });
        var page = await browser.NewPageAsync();
        var callback = new TaskCompletionSource<string>();
        await page.RouteAsync(SignInFixture.RedirectUri + "**", async route =>
        {
            callback.TrySetResult(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, Body = "ok" });
        });

        await page.GotoAsync(state.StartUrl);
        (await page.TitleAsync()).Should().Be("Connexion à Mon espace santé – Mon espace santé");
        await page.ClickAsync("text=Connexion de test (développement)");
        await page.FillAsync("input[name=ins]", person.Value);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=demande à accéder à votre espace santé");
        (await page.TextContentAsync("body")).Should().Contain("Glyco Pair").And.Contain("Exemple SAS").And.Contain("Enregistrer vos mesures : glycémie");
        await page.UncheckAsync("input[value='measurements.read:glucose']");
        await page.ClickAsync("button[value=accept]");
        var login = await app.Client.ProcessResponseAsync(await callback.Task.WaitAsync(TimeSpan.FromSeconds(20)), state);

        login.IsError.Should().BeFalse(login.Error);
        var consent = (await fixture.App.PatientClient(person).GetFromJsonAsync<List<AppConsent>>("/api/v1/me/consents", Json.Options))!.Single();
        consent.Scopes.Should().Equal("measurements.write:glucose");
    }

    [Fact]
    public async Task The_test_page_says_in_words_why_an_ins_is_refused()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.BaseAddress, "/signin/dev?kind=Patient&returnUrl=%2F").AbsoluteUri);
        await page.FillAsync("input[name=ins]", "123456789012244");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.EndsWith("/signin/dev", StringComparison.Ordinal));

        response.Status.Should().Be(400);
        (await page.TextContentAsync("p.error")).Should().StartWith("INS invalide");
    }
}

/// <summary>Debian's Chromium, as Playwright drives it here (no browser can be downloaded); missing, the test fails saying so.</summary>
public static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"Chromium is not installed at {Path}: install the Debian package chromium (.ci/run does).");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,

            // --no-sandbox: CI runs as root; the others keep Chromium from calling out of this closed network, and give
            // the names under .test (reserved for tests) to this machine, so that one server has several origins.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP *.test 127.0.0.1"],
        });
    }
}
