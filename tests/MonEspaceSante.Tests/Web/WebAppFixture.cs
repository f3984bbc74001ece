using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using MonEspaceSante.Tests.Infrastructure;
using MonEspaceSante.Tests.SignIn;

namespace MonEspaceSante.Tests.Web;

/// <summary>
/// The whole application on PostgreSQL and a real socket, with the web app at <c>/</c> and its client <c>mes-web</c>
/// registered for this origin; one headless Chromium (Debian's) for the class. Screenshots go to <c>docs/web</c>.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private IPlaywright playwright = null!;

    public ApiFactory App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>An origin allowed to call the API across origins (<c>Cors:Origins</c>).</summary>
    public string OtherOrigin => $"http://frontend.test:{BaseAddress.Port}";

    public async Task InitializeAsync()
    {
        var port = FreePorts.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        App = new ApiFactory
        {
            PostgresConnectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("web"),
            Issuer = BaseAddress.ToString(),
            Settings = new Dictionary<string, string>
            {
                // The development client mes-web (appsettings.Development.json, first client) comes back to this origin.
                ["SignIn:Clients:0:RedirectUris:0"] = BaseAddress.ToString(),
                ["SignIn:Clients:0:PostLogoutRedirectUris:0"] = BaseAddress.ToString(),
                // The operators' console mes-ops-web (third client) comes back to this origin's operators' page.
                ["SignIn:Clients:2:RedirectUris:0"] = new Uri(BaseAddress, "operators").AbsoluteUri,
                ["SignIn:Clients:2:PostLogoutRedirectUris:0"] = new Uri(BaseAddress, "operators").AbsoluteUri,
                // A frontend served on another origin (a name the test browser resolves to this machine: same server, another origin).
                ["Cors:Origins:0"] = OtherOrigin,
                ["Jobs:Enabled"] = "false",
                // A wave's schedule is checked every 2 seconds (a minute by default), so a fan-out ends within a test.
                ["Waves:WatchdogPeriod"] = "00:00:02",
            },
        };
        App.UseKestrel(port);
        App.StartServer();
        playwright = await Playwright.CreateAsync();
        Browser = await HeadlessChromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A new browser context (its own cookies and storage) on the app, at a phone's width when asked.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs <paramref name="person"/> in from the app's welcome, through the development sign-in page.</summary>
    public static async Task SignInAsync(IPage page, Interfaces.Identity.Ins person)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.ClickAsync("text=Connexion de test (développement)");
        await page.FillAsync("input[name=ins]", person.Value);
        await page.ClickAsync("button[type=submit]");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Exact = true }).WaitForAsync();
    }

    /// <summary>Saves the page as <c>docs/web/{name}.png</c> (shown in docs/web.md).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(RepositoryRoot(), "docs", "web");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    /// <summary>The serious and critical accessibility violations axe-core finds on the page, as "rule: what" lines.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        return [.. results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")];
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MonEspaceSante.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (MonEspaceSante.sln) is not above the test's folder.");
    }

    /// <summary>The heading named exactly <paramref name="name"/>.</summary>
    public static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    /// <summary>A new person whose space is open, and their own API client (what most screens' tests start from).</summary>
    public async Task<(Interfaces.Identity.Ins Person, HttpClient Holder)> OpenSpaceAsync()
    {
        var person = TestIns.Next();
        var holder = App.PatientClient(person);
        (await holder.PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        return (person, holder);
    }

    /// <summary>Where the person's space stands, as the API says.</summary>
    public async Task<string> StatusAsync(Interfaces.Identity.Ins person) =>
        (await App.PatientClient(person).GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("status").GetString()!;
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "Web app";
}
