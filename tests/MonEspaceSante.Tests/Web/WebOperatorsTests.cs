using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using MonEspaceSante.Api.Security;
using MonEspaceSante.Tests.Infrastructure;
using MonEspaceSante.Tests.Waves;

namespace MonEspaceSante.Tests.Web;

/// <summary>The operators' page in headless Chromium: an agent signs in, follows a wave through its fan-out, and holds a read-only token.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebOperatorsTests(WebAppFixture fixture)
{
    private const int People = 300;

    private static readonly string All = People.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_agent_signs_in_and_follows_a_wave_from_its_upload_to_the_end_of_its_notices_with_a_read_only_token()
    {
        var waveId = WaveApiFixture.NewWaveId();
        var system = fixture.App.ClientFor(MesRoles.Operator, "operator-web-test");
        (await system.PostAsJsonAsync("/api/v1/waves", new { id = waveId, name = "Pilote Ariège", territory = "09" })).EnsureSuccessStatusCode();
        var lines = string.Join('\n', Enumerable.Range(0, People).Select(_ => WaveApiFixture.Line(TestIns.Next(), null, "1 rue de la Paix 09000 Foix")));
        (await system.PostAsync($"/api/v1/waves/{waveId}/uploads/u1", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"))).EnsureSuccessStatusCode();
        var page = await fixture.NewPageAsync();
        string? bearer = null;
        page.Request += (_, request) => bearer ??= request.Url.Contains("/api/v1/waves", StringComparison.Ordinal) ? request.Headers.GetValueOrDefault("authorization") : null;

        await page.GotoAsync("/operators");
        await WebAppFixture.Heading(page, "Espace des opérateurs").WaitForAsync();
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.ClickAsync("text=Connexion de test (développement)");
        await page.GetByLabel("Compte opérateur").FillAsync("agent-cnam-042");
        await page.ClickAsync("button[type=submit]");
        await WebAppFixture.Heading(page, "Vagues d'ouverture").WaitForAsync();
        var row = page.Locator($"tr[data-wave='{waveId}']");
        await Expect(row.Locator("td").Nth(0), "En préparation");
        (await row.Locator("td").Nth(1).InnerTextAsync()).Should().Be(All);
        (await row.Locator("td").Nth(2).InnerTextAsync()).Should().Be(All, "everyone is pending");

        (await system.PostAsync($"/api/v1/waves/{waveId}/launch", null)).EnsureSuccessStatusCode();
        await Expect(row.Locator("td").Nth(0), "Opposition ouverte", TimeSpan.FromSeconds(60));
        (await row.Locator("td").Nth(3).InnerTextAsync()).Should().Be(All, "every new person is notified");
        (await row.Locator("td").Nth(2).InnerTextAsync()).Should().Be("0");
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Progression de Pilote Ariège" });
        var readings = System.Text.RegularExpressions.Regex.Match((await chart.GetAttributeAsync("aria-label"))!, @"(\d+) relevés$");
        int.Parse(readings.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(2, "the start (nobody handled) and the end at least");
        (await chart.GetAttributeAsync("aria-label")).Should().StartWith($"Progression de Pilote Ariège : {People} personnes traitées sur {People}",
            "the fan-out is charted from the poll that saw it begin (nobody handled) to the one that saw it over");
        await WebAppFixture.ScreenshotAsync(page, "operators");
        (await WebAppFixture.AccessibilityViolationsAsync(page)).Should().BeEmpty();

        // The page's token reads waves and changes none: the console's client is given mes.waves.read only.
        bearer.Should().StartWith("Bearer ");
        var console = fixture.App.CreateClient();
        console.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(bearer!);
        (await console.GetAsync($"/api/v1/waves/{waveId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await console.PostAsJsonAsync("/api/v1/waves", new { name = "Intruse", territory = "09" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await console.PostAsync($"/api/v1/waves/{waveId}/launch", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await console.GetAsync("/api/v1/notices/undelivered?limit=1")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await console.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an agent is no patient");
    }

    [Fact]
    public async Task The_console_may_not_ask_for_more_than_reading_waves()
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };
        var back = new Uri(fixture.BaseAddress, "operators").AbsoluteUri;
        var query = $"response_type=code&client_id=mes-ops-web&redirect_uri={Uri.EscapeDataString(back)}&scope=openid%20mes.waves&state=s1"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

        var response = await browser.GetAsync($"/connect/authorize?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsoluteUri.Should().StartWith(back).And.Contain("error=invalid_scope");
    }

    private static Task Expect(ILocator cell, string text, TimeSpan? timeout = null) =>
        Assertions.Expect(cell).ToHaveTextAsync(text, new() { Timeout = (float)(timeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds });
}
