using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using MonEspaceSante.Benchmarks.Infrastructure;

namespace MonEspaceSante.Benchmarks.SignIn;

/// <summary>
/// Real tokens for many people: each signs in through the whole code flow with PKCE, as a frontend and a browser would
/// (the authorization request, the Development sign-in page and its form, the code, the exchange), so that every
/// token has its rows in the store and is checked against them on every request.
/// </summary>
public static partial class PeopleSignIn
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex Antiforgery();

    public static async Task<string> SignInAsync(Uri server, string ins)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = server };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"/connect/authorize?client_id={BenchApi.BenchFrontend}&redirect_uri={Uri.EscapeDataString(BenchApi.BenchRedirect)}&response_type=code"
            + $"&scope={Uri.EscapeDataString("openid launch/patient")}&state=bench&code_challenge={challenge}&code_challenge_method=S256";
        var signInPage = (await Expect(await browser.GetAsync(authorize), HttpStatusCode.Redirect)).Headers.Location!;
        var returnUrl = HttpUtility.ParseQueryString(signInPage.OriginalString.Split('?', 2)[1])["returnUrl"]!;
        var form = await browser.GetStringAsync($"/signin/dev?kind=Patient&returnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = WebUtility.HtmlDecode(Antiforgery().Match(form).Groups["value"].Value);
        using var fields = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("kind", "Patient"), new("returnUrl", returnUrl), new("ins", ins)]);
        await Expect(await browser.PostAsync("/signin/dev", fields), HttpStatusCode.Redirect);
        var callback = (await Expect(await browser.GetAsync(returnUrl), HttpStatusCode.Redirect)).Headers.Location!;
        var code = HttpUtility.ParseQueryString(callback.Query)["code"] ?? throw new InvalidOperationException($"No code in {callback}.");
        using var exchange = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", BenchApi.BenchRedirect),
            new("client_id", BenchApi.BenchFrontend), new("code_verifier", verifier)]);
        var tokens = await Expect(await browser.PostAsync("/connect/token", exchange), HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await tokens.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> Expect(HttpResponseMessage response, HttpStatusCode status) =>
        response.StatusCode == status ? response : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
