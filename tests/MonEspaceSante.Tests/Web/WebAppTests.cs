using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Web;

/// <summary>The patient's web app in headless Chromium against the real application on PostgreSQL.</summary>
public sealed class WebAppTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
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
        await Heading(page, "Votre espace n'est pas encore créé").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "home-not-created");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        await page.GetByRole(AriaRole.Button, new() { Name = "Je m'oppose à la création de mon espace" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon opposition" }).ClickAsync();
        await Heading(page, "Vous vous êtes opposé(e) à la création de votre espace").WaitForAsync();
        (await StatusAsync(person)).Should().Be("Opposed");
        (await page.GetByRole(AriaRole.Status).TextContentAsync()).Should().Be("Votre opposition est enregistrée.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ouvrir mon espace" }).ClickAsync();
        await Heading(page, "Votre espace est ouvert").WaitForAsync();
        await Heading(page, "Prochains rendez-vous").WaitForAsync();
        (await StatusAsync(person)).Should().Be("Active");
        await WebAppFixture.ScreenshotAsync(page, "home-open");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        await page.ReloadAsync();
        await Heading(page, "Votre espace est ouvert").WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).WaitForAsync();
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).WaitForAsync();
    }

    [Fact]
    public async Task The_home_screen_fits_a_phone_and_a_server_refusal_is_said_in_words()
    {
        var person = TestIns.Next();
        var page = await fixture.NewPageAsync(phone: true);
        await WebAppFixture.SignInAsync(page, person);
        await Heading(page, "Votre espace n'est pas encore créé").WaitForAsync();

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
    public async Task A_person_uploads_a_pdf_finds_it_masks_it_and_a_professional_no_longer_sees_it()
    {
        var person = TestIns.Next();
        (await fixture.App.PatientClient(person).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        var page = await fixture.NewPageAsync();
        await WebAppFixture.SignInAsync(page, person);
        await page.GetByRole(AriaRole.Link, new() { Name = "Documents" }).ClickAsync();
        await Heading(page, "Mes documents").WaitForAsync();
        var picker = page.GetByLabel("Choisir un fichier");

        await picker.SetInputFilesAsync(new FilePayload { Name = "outil.exe", MimeType = "application/x-msdownload", Buffer = [0x4D, 0x5A, 0x90, 0x00] });
        (await page.GetByRole(AriaRole.Alert).TextContentAsync()).Should().Contain("n'est pas d'un type accepté", "the type is checked before sending");
        await picker.SetInputFilesAsync(new FilePayload { Name = "faux.pdf", MimeType = "application/pdf", Buffer = "pas un PDF"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer « faux.pdf »" }).ClickAsync();
        (await page.GetByRole(AriaRole.Alert).TextContentAsync()).Should().Contain("Détail :", "the server's refusal is said, with its detail");

        await picker.SetInputFilesAsync(new FilePayload { Name = "ordonnance.pdf", MimeType = "application/pdf", Buffer = Documents.DocumentSamples.Pdf("web") });
        await page.GetByLabel("Titre du document").FillAsync("Ordonnance du Dr Martin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer « ordonnance.pdf »" }).ClickAsync();
        await Heading(page, "Ordonnance du Dr Martin").WaitForAsync();
        var id = (await fixture.App.PatientClient(person).GetFromJsonAsync<JsonElement>("/api/v1/me/documents")).GetProperty("documents")[0].GetProperty("id").GetString()!;
        (await ProfessionalSeesAsync(person, id)).Should().BeTrue("a document the person adds is visible to professionals");

        await page.GetByRole(AriaRole.Button, new() { Name = "Masquer aux professionnels Ordonnance du Dr Martin" }).ClickAsync();
        await page.Locator(".badge", new() { HasText = "Masqué aux professionnels" }).WaitForAsync();
        (await ProfessionalSeesAsync(person, id)).Should().BeFalse("a masked document is out of professionals' searches");

        await page.GetByLabel("Compte rendu").CheckAsync();
        await page.GetByText("Aucun document.").WaitForAsync();
        await page.GetByLabel("Compte rendu").UncheckAsync();
        await page.GetByLabel("Rechercher dans les titres").FillAsync("ordo");
        await Heading(page, "Ordonnance du Dr Martin").WaitForAsync();
        await WebAppFixture.ScreenshotAsync(page, "documents");
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

    private async Task<bool> ProfessionalSeesAsync(Interfaces.Identity.Ins person, string documentId)
    {
        var search = await fixture.App.ProfessionalClient("10001234567").GetAsync($"/fhir/DocumentReference?patient={person.Value}");
        search.EnsureSuccessStatusCode();
        return (await search.Content.ReadAsStringAsync()).Contains(documentId, StringComparison.Ordinal);
    }

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    private async Task<string> StatusAsync(Interfaces.Identity.Ins person) =>
        (await fixture.App.PatientClient(person).GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("status").GetString()!;
}
