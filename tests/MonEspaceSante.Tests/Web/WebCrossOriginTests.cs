namespace MonEspaceSante.Tests.Web;

/// <summary>A frontend served on another origin, in headless Chromium: the browser's own CORS checks let an allowed origin read the API and keep another out.</summary>
[Collection(WebAppCollection.Name)]
public sealed class WebCrossOriginTests(WebAppFixture fixture)
{
    /// <summary>From the page, a call with a token (so a preflight first) to the API; its status, or "blocked" when the browser refused to show the answer.</summary>
    private const string Probe = """
        async (url) => {
          try {
            const response = await fetch(url, { headers: { authorization: "Bearer not-a-token", "x-act-for": "nobody" } });
            return `${response.status} ${response.headers.get("www-authenticate") ? "challenge" : "no challenge"}`;
          } catch {
            return "blocked";
          }
        }
        """;

    [Fact]
    public async Task A_frontend_on_an_allowed_origin_reads_the_api_and_one_on_another_origin_is_blocked_by_the_browser()
    {
        var api = new Uri(fixture.BaseAddress, "api/v1/me").AbsoluteUri;
        var allowed = await ProbeFromAsync(fixture.OtherOrigin, api);
        var other = await ProbeFromAsync($"http://elsewhere.test:{fixture.BaseAddress.Port}", api);

        allowed.Should().Be("401 challenge", "the preflight passed, and the refusal and its exposed header are readable");
        other.Should().Be("blocked");
    }

    /// <summary>
    /// Opens a page of this server at <paramref name="origin"/> (a name of this machine: Chromium refuses a page of no
    /// loopback address to call a loopback one, whatever CORS says), its CSP set aside so that only CORS decides, and
    /// probes <paramref name="api"/> from it.
    /// </summary>
    private async Task<string> ProbeFromAsync(string origin, string api)
    {
        var context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        (await page.GotoAsync($"{origin}/health/live"))!.Ok.Should().BeTrue($"the server answers at {origin}");
        return await page.EvaluateAsync<string>(Probe, api);
    }
}
